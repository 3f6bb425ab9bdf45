/**
 * How the controller authenticates (spec §1.4, §1.5): only the access token counts; it is
 * introspected at the realm with the controller's confidential client, then the user comes from
 * the realm's userinfo and is created on first use. Results are cached per token until it
 * expires. Legacy mode adds the pre-v0.30 rule that users must first POST their ID token.
 */
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OpentalkSettings } from './settings.js';
import type { OpentalkStore, OtUser } from './store.js';
import { UUID_PATTERN } from './api-support.js';

export interface RealmEndpoints {
  issuer: string;
  clientId: string;
  introspection: string;
  userinfo: string;
  jwks: string;
  controllerClient: { id: string; secret: string };
}

/** A refusal, rendered by the controller as its error envelope plus `WWW-Authenticate`. */
export interface AuthFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  /** `error_description` for `WWW-Authenticate`; absent for non-401 failures. */
  description?: string;
}

export type AuthResult = { ok: true; user: OtUser } | { ok: true; inviteCode: string } | AuthFailure;

const UNPARSABLE: AuthFailure = {
  ok: false,
  status: 401,
  code: 'unauthorized',
  message: 'Unable to parse access token or invite code',
  description: 'The provided access token is invalid',
};

function failure(description: string, code = 'unauthorized', message = 'Authentication failed'): AuthFailure {
  return { ok: false, status: 401, code, message, description };
}

const INVALID_CLAIMS: AuthFailure = {
  ok: false,
  status: 400,
  code: 'invalid_claims',
  message: 'some required attributes are missing or malformed',
};

export class ControllerAuth {
  readonly #cache = new Map<string, { userId: string; exp: number }>();
  #jwks: JsonWebKey[] | undefined;

  constructor(
    private readonly realm: RealmEndpoints,
    private readonly store: OpentalkStore,
    private readonly settings: OpentalkSettings,
  ) {}

  /** Drops cached token results (used when the lab expires tokens behind the controller's back). */
  clearCache(): void {
    this.#cache.clear();
  }

  async authenticate(req: IncomingMessage, allowInviteCode: boolean): Promise<AuthResult> {
    const header = req.headers.authorization ?? '';
    const bearer = /^Bearer (\S+)$/.exec(header)?.[1];
    const invite = /^InviteCode (\S+)$/.exec(header)?.[1];
    if (invite !== undefined) {
      if (!UUID_PATTERN.test(invite)) return UNPARSABLE;
      if (!allowInviteCode) return failure('The provided access token is invalid');
      if (!this.store.usableInvite(invite)) return failure('The provided invite code is invalid');
      return { ok: true, inviteCode: invite };
    }
    if (bearer === undefined) return UNPARSABLE;

    const user = await this.#userFor(bearer);
    if (!('id' in user)) return user;
    if (this.settings.legacyLogin) {
      if (user.legacySessionExp === undefined) {
        return failure('The provided access token is invalid', 'unknown_sub', 'Unknown subject in access token. Please login first!');
      }
      if (user.legacySessionExp * 1000 <= Date.now()) return failure('The user session expired');
    }
    return { ok: true, user };
  }

  async #userFor(token: string): Promise<OtUser | AuthFailure> {
    const cached = this.#cache.get(token);
    if (cached && cached.exp * 1000 > Date.now()) {
      const user = this.store.users.get(cached.userId);
      if (user) return user;
    }
    this.#cache.delete(token);

    const introspection = await this.#realmJson(this.realm.introspection, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${this.realm.controllerClient.id}:${this.realm.controllerClient.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
    });
    if (!introspection || introspection.active !== true || typeof introspection.exp !== 'number') {
      return failure('The provided access token expired');
    }
    const claims = await this.#realmJson(this.realm.userinfo, { headers: { authorization: `Bearer ${token}` } });
    if (!claims) return failure('The provided access token is invalid');
    const { sub, email, given_name: given, family_name: family } = claims;
    if (typeof sub !== 'string' || typeof email !== 'string' || typeof given !== 'string' || typeof family !== 'string') {
      return INVALID_CLAIMS;
    }
    const user = this.store.userBySub(sub) ?? this.store.addUser({ sub, email, firstname: given, lastname: family });
    this.#cache.set(token, { userId: user.id, exp: introspection.exp });
    return user;
  }

  async #realmJson(url: string, init: RequestInit): Promise<Record<string, unknown> | undefined> {
    try {
      const response = await fetch(url, init);
      if (!response.ok) return undefined;
      const body: unknown = await response.json();
      return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * `POST /v1/auth/login` with `{id_token}`: verifies the ID token (RS256 with the realm's keys,
   * issuer, audience, expiry). Legacy controllers also create the user and start the session.
   */
  async loginWithIdToken(idToken: unknown): Promise<{ ok: true } | AuthFailure> {
    if (typeof idToken !== 'string') return failure('The provided id token is invalid');
    const claims = await this.#verifiedIdToken(idToken);
    if (!claims) return failure('The provided id token is invalid');
    const exp = claims.exp as number;
    if (exp * 1000 <= Date.now()) return failure('The user session expired');
    const { sub, email, given_name: given, family_name: family } = claims;
    if (typeof sub !== 'string' || typeof email !== 'string' || typeof given !== 'string' || typeof family !== 'string') {
      return INVALID_CLAIMS;
    }
    if (this.settings.legacyLogin) {
      const user = this.store.userBySub(sub) ?? this.store.addUser({ sub, email, firstname: given, lastname: family });
      user.legacySessionExp = exp;
    }
    return { ok: true };
  }

  async #verifiedIdToken(token: string): Promise<Record<string, unknown> | undefined> {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head, payload, signature] = parts as [string, string, string];
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (header.alg !== 'RS256') return undefined;
    const jwk = (await this.#keys()).find((k) => (k as { kid?: string }).kid === header.kid);
    if (!jwk) return undefined;
    const valid = verify('sha256', Buffer.from(`${head}.${payload}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    if (!valid || claims.iss !== this.realm.issuer || typeof claims.exp !== 'number') return undefined;
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audience.includes(this.realm.clientId)) return undefined;
    return claims;
  }

  async #keys(): Promise<JsonWebKey[]> {
    if (!this.#jwks) {
      const body = await this.#realmJson(this.realm.jwks, {});
      this.#jwks = Array.isArray(body?.keys) ? (body.keys as JsonWebKey[]) : [];
    }
    return this.#jwks;
  }
}
