/**
 * The OpenTalk lab over real HTTP: the Keycloak-like realm (code flow + PKCE, iss, refresh
 * rotation, CORS by web origin) and the controller (happy paths, quirks: text/json errors,
 * empty-body 403, Link not exposed, paging rules).
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { startOpentalk, type OpentalkLab } from '../../demo/lab/opentalk/index.js';
import { decodeEventCursor, encodeEventCursor } from '../../demo/lab/opentalk/paging.js';
import { CookieJar } from '../support/cookie-jar.js';

const APP = 'http://127.0.0.1:5199';
const CALLBACK = `${APP}/callback`;
const FOREIGN = 'http://127.0.0.1:5299';

/** One browser-like session against the realm: manual redirects, cookies carried. */
class Browser {
  readonly jar = new CookieJar();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(response);
    return response;
  }

  /** Follows redirects until one leaves `origin` (the realm); returns that final Location. */
  async followUntilLeaving(url: string, origin: string): Promise<{ response: Response; location: string | undefined }> {
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (!location) return { response, location: undefined };
      const next = new URL(location, current).href;
      if (!next.startsWith(origin)) return { response, location: next };
      current = next;
    }
    throw new Error('too many redirects');
  }
}

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

interface EventJson {
  id: string;
  type: string;
  title: string;
  starts_at: { datetime: string; timezone: string };
  room: { id: string; password?: string };
}

interface RoomJson {
  id: string;
  password?: string;
  guest_access: string;
  created_by: { id: string };
}

interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
  refresh_expires_in: number;
  token_type: string;
  scope: string;
}

describe('OpenTalk lab', () => {
  let lab: OpentalkLab;
  let auth: string;
  let token: string;
  const tokens: Record<string, Tokens> = {};

  const authorizeUrl = (params: Record<string, string>) => {
    const url = new URL(`${lab.issuer}/protocol/openid-connect/auth`);
    url.search = new URLSearchParams({
      client_id: lab.client.id,
      response_type: 'code',
      redirect_uri: CALLBACK,
      scope: 'openid profile email',
      ...params,
    }).toString();
    return url.href;
  };

  /** Drives the login page and returns the callback URL the realm redirects to. */
  async function login(browser: Browser, url: string, username: string, password = username): Promise<URL> {
    const start = await browser.followUntilLeaving(url, lab.keycloakUrl);
    assert.equal(start.location, undefined, 'expected the login page, not a redirect away');
    assert.equal(start.response.status, 200);
    const html = await start.response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    assert.ok(action, 'login form present');
    const post = await browser.request(new URL(action.replace(/&#38;/g, '&'), lab.keycloakUrl).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }).toString(),
    });
    assert.equal(post.status, 303);
    const done = await browser.followUntilLeaving(new URL(post.headers.get('location')!, lab.keycloakUrl).href, lab.keycloakUrl);
    assert.ok(done.location, 'redirected back to the client');
    return new URL(done.location);
  }

  function tokenRequest(body: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(`${lab.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ client_id: lab.client.id, ...body }).toString(),
    });
  }

  async function signIn(username: string): Promise<Tokens> {
    const { verifier, challenge } = pkce();
    const callback = await login(new Browser(), authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', state: 's1' }), username);
    const response = await tokenRequest({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    assert.equal(response.status, 200);
    return (await response.json()) as Tokens;
  }

  const api = (path: string, init: RequestInit & { as?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${init.as ? tokens[init.as]!.access_token : token}`);
    return fetch(`${lab.url}${path}`, { ...init, headers });
  };

  const tokenCalls = () => lab.requests.filter((r) => r.path.endsWith('/protocol/openid-connect/token')).length;

  before(async () => {
    lab = await startOpentalk({ redirectUris: [CALLBACK] });
    for (const user of ['helen', 'dean', 'kevin']) tokens[user] = await signIn(user);
    token = tokens.helen!.access_token;
    auth = `Bearer ${token}`;
  });
  after(() => lab.close());

  describe('realm', () => {
    it('publishes Keycloak-style discovery under /auth/realms/opentalk', async () => {
      assert.equal(lab.issuer, `${lab.keycloakUrl}/auth/realms/opentalk`);
      const response = await fetch(`${lab.issuer}/.well-known/openid-configuration`);
      assert.equal(response.status, 200);
      const meta = (await response.json()) as Record<string, unknown>;
      assert.equal(meta.issuer, lab.issuer);
      assert.equal(meta.authorization_endpoint, `${lab.issuer}/protocol/openid-connect/auth`);
      assert.equal(meta.token_endpoint, `${lab.issuer}/protocol/openid-connect/token`);
      assert.equal(meta.userinfo_endpoint, `${lab.issuer}/protocol/openid-connect/userinfo`);
      assert.equal(meta.end_session_endpoint, `${lab.issuer}/protocol/openid-connect/logout`);
      assert.equal(meta.revocation_endpoint, `${lab.issuer}/protocol/openid-connect/revoke`);
      assert.equal(meta.jwks_uri, `${lab.issuer}/protocol/openid-connect/certs`);
      assert.equal(meta.authorization_response_iss_parameter_supported, true);
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
      const certs = (await (await fetch(meta.jwks_uri as string)).json()) as { keys: Array<Record<string, unknown>> };
      assert.equal(certs.keys.length, 1);
      assert.equal(certs.keys[0]!.d, undefined, 'no private key material published');
      const realmInfo = (await (await fetch(lab.realmUrl)).json()) as Record<string, unknown>;
      assert.equal(realmInfo.realm, 'opentalk');
      assert.equal(realmInfo['token-service'], `${lab.issuer}/protocol/openid-connect`);
      assert.match(String(realmInfo.public_key), /^MII/);
    });

    it('runs the code flow with PKCE, returns iss and state, and issues Keycloak-like tokens', async () => {
      const { verifier, challenge } = pkce();
      const before = tokenCalls();
      const callback = await login(
        new Browser(),
        authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256', state: 'xyz-state', nonce: 'n-1' }),
        'dean',
      );
      assert.equal(callback.origin + callback.pathname, CALLBACK);
      assert.equal(callback.searchParams.get('state'), 'xyz-state');
      assert.equal(callback.searchParams.get('iss'), lab.issuer);
      const code = callback.searchParams.get('code');
      assert.ok(code);

      const response = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier });
      assert.equal(response.status, 200);
      const body = (await response.json()) as Tokens;
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 300);
      assert.equal(body.refresh_expires_in, 1800);
      assert.ok(body.access_token && body.refresh_token && body.id_token);
      const idClaims = JSON.parse(Buffer.from(body.id_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
      assert.equal(idClaims.iss, lab.issuer);
      assert.equal(idClaims.aud, lab.client.id);
      assert.equal(idClaims.sub, 'dean');
      assert.equal(idClaims.nonce, 'n-1');
      assert.equal(idClaims.preferred_username, 'dean');
      assert.equal(tokenCalls(), before + 1);

      const userinfo = await fetch(`${lab.issuer}/protocol/openid-connect/userinfo`, {
        headers: { authorization: `Bearer ${body.access_token}` },
      });
      assert.equal(userinfo.status, 200);
      assert.deepEqual(await userinfo.json(), {
        sub: 'dean',
        preferred_username: 'dean',
        name: 'Dean Окунев',
        given_name: 'Dean',
        family_name: 'Окунев',
        email: 'dean@lab.test',
        email_verified: true,
      });

      const reuse = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier });
      assert.equal(reuse.status, 400);
      assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
    });

    it('works with oauth4webapi end to end (discovery, iss check, ID token, refresh, userinfo)', async () => {
      // Loopback http only; the browser client must allow it for loopback hosts alone.
      const insecure = { [oauth.allowInsecureRequests]: true };
      const issuer = new URL(lab.issuer);
      const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }));
      const client: oauth.Client = { client_id: lab.client.id };
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      const url = new URL(as.authorization_endpoint!);
      url.search = new URLSearchParams({
        client_id: client.client_id,
        redirect_uri: CALLBACK,
        response_type: 'code',
        scope: 'openid profile email',
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      }).toString();
      const callback = await login(new Browser(), url.href, 'helen');
      const params = oauth.validateAuthResponse(as, client, callback, state);
      const tokenResponse = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, CALLBACK, verifier, insecure);
      const result = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse, { expectedNonce: nonce, requireIdToken: true });
      assert.equal(oauth.getValidatedIdTokenClaims(result)?.sub, 'helen');
      assert.ok(result.refresh_token);

      const refreshed = await oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, oauth.None(), result.refresh_token, insecure),
      );
      assert.notEqual(refreshed.refresh_token, result.refresh_token);
      const info = await oauth.processUserInfoResponse(as, client, 'helen', await oauth.userInfoRequest(as, client, refreshed.access_token, insecure));
      assert.equal(info.email, 'helen@lab.test');

      // A callback claiming another issuer is refused by the client (RFC 9207).
      const forged = new URL(callback);
      forged.searchParams.set('iss', 'http://127.0.0.1:1/auth/realms/evil');
      assert.throws(() => oauth.validateAuthResponse(as, client, forged, state));
    });

    it('shows its own login page and rejects a wrong password there', async () => {
      const { challenge } = pkce();
      const browser = new Browser();
      const start = await browser.followUntilLeaving(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), lab.keycloakUrl);
      const html = await start.response.text();
      assert.match(html, /<label for="username">/);
      assert.match(html, /name="password" type="password"/);
      assert.match(html, /<button type="submit">Sign in<\/button>/);
      assert.doesNotMatch(html, /devInteractions|interaction\/|<title>Sign-in<\/title>/i);
      const action = /action="([^"]+)"/.exec(html)![1]!;
      const post = await browser.request(new URL(action, lab.keycloakUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=helen&password=wrong',
      });
      assert.equal(post.status, 200);
      assert.match(await post.text(), /Invalid username or password\./);
    });

    it('requires PKCE: a missing challenge or the plain method is refused on the redirect, with iss', async () => {
      const browser = new Browser();
      const missing = await browser.request(authorizeUrl({ state: 'p1' }));
      assert.equal(missing.status, 303);
      const location = new URL(missing.headers.get('location')!);
      assert.equal(location.origin + location.pathname, CALLBACK);
      assert.equal(location.searchParams.get('error'), 'invalid_request');
      assert.match(location.searchParams.get('error_description') ?? '', /PKCE/);
      assert.equal(location.searchParams.get('state'), 'p1');
      assert.equal(location.searchParams.get('iss'), lab.issuer);

      const plain = await browser.request(authorizeUrl({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }));
      const plainLocation = new URL(plain.headers.get('location')!);
      assert.equal(plainLocation.searchParams.get('error'), 'invalid_request');
    });

    it('refuses a wrong code_verifier and an unregistered redirect_uri', async () => {
      const { challenge } = pkce();
      const callback = await login(new Browser(), authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'kevin');
      const wrong = await tokenRequest({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: CALLBACK,
        code_verifier: pkce().verifier,
      });
      assert.equal(wrong.status, 400);
      assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_grant');

      for (const uri of [`${CALLBACK}/`, 'http://127.0.0.1:5198/callback', `${CALLBACK}?x=1`]) {
        const response = await new Browser().request(authorizeUrl({ redirect_uri: uri, code_challenge: challenge, code_challenge_method: 'S256' }));
        assert.equal(response.status, 400, uri);
        assert.equal(response.headers.get('location'), null, 'never redirects to an unregistered URI');
        assert.match(await response.text(), /redirect_uri/);
      }
    });

    it('accepts redirect URIs added to the mutable list after start', async () => {
      const added = 'http://127.0.0.1:5200/late-callback';
      lab.client.redirectUris.push(added);
      try {
        const { challenge } = pkce();
        const callback = await login(new Browser(), authorizeUrl({ redirect_uri: added, code_challenge: challenge, code_challenge_method: 'S256' }), 'helen');
        assert.equal(callback.origin + callback.pathname, added);
        assert.ok(callback.searchParams.get('code'));
      } finally {
        lab.client.redirectUris.splice(lab.client.redirectUris.indexOf(added), 1);
      }
    });

    it('refreshes with rotation: a new refresh token each time, the old one is dead', async () => {
      const first = await signIn('kevin');
      const before = tokenCalls();
      const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      assert.equal(refreshed.status, 200);
      const second = (await refreshed.json()) as Tokens;
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.notEqual(second.access_token, first.access_token);
      assert.ok(second.refresh_token);
      assert.equal(tokenCalls(), before + 1);

      const again = await tokenRequest({ grant_type: 'refresh_token', refresh_token: second.refresh_token });
      assert.equal(again.status, 200);
      const third = (await again.json()) as Tokens;

      const replay = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      assert.equal(replay.status, 400);
      assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
      // Reusing a rotated token revokes the whole grant, like a stolen-token defence should.
      const afterReplay = await tokenRequest({ grant_type: 'refresh_token', refresh_token: third.refresh_token });
      assert.equal(afterReplay.status, 400);
    });

    it('takes access token lifetimes from settings at run time', async () => {
      lab.settings.accessTokenTtl = 2;
      try {
        const short = await signIn('dean');
        assert.equal(short.expires_in, 2);
        const ok = await api('/v1/users/me', { headers: { authorization: `Bearer ${short.access_token}` } });
        assert.equal(ok.status, 200);
        await new Promise((resolve) => setTimeout(resolve, 2200));
        const expired = await api('/v1/users/me', { headers: { authorization: `Bearer ${short.access_token}` } });
        assert.equal(expired.status, 401);
        assert.match(expired.headers.get('www-authenticate') ?? '', /The provided access token expired/);
        const renewed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: short.refresh_token });
        assert.equal(renewed.status, 200);
      } finally {
        lab.settings.accessTokenTtl = 300;
      }
    });

    it('allows CORS on the token endpoint only for the client web origins', async () => {
      const { refresh_token } = await signIn('helen');
      const allowed = await tokenRequest({ grant_type: 'refresh_token', refresh_token }, { origin: APP });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), APP);

      const unlisted = await tokenRequest({ grant_type: 'refresh_token', refresh_token: ((await allowed.json()) as Tokens).refresh_token }, { origin: FOREIGN });
      assert.equal(unlisted.headers.get('access-control-allow-origin'), null);
      assert.equal(unlisted.status, 400);
      assert.equal(((await unlisted.json()) as { error: string }).error, 'invalid_request');

      lab.client.webOrigins.push(FOREIGN);
      try {
        const { refresh_token: rt } = await signIn('helen');
        const nowAllowed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: rt }, { origin: FOREIGN });
        assert.equal(nowAllowed.headers.get('access-control-allow-origin'), FOREIGN);
      } finally {
        lab.client.webOrigins.pop();
      }
    });

    it('revokes a refresh token for the public client', async () => {
      const { refresh_token } = await signIn('kevin');
      const revoke = await fetch(`${lab.issuer}/protocol/openid-connect/revoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: lab.client.id, token: refresh_token, token_type_hint: 'refresh_token' }).toString(),
      });
      assert.equal(revoke.status, 200);
      const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token });
      assert.equal(refresh.status, 400);
    });
  });

  describe('controller', () => {
    it('points clients at the realm', async () => {
      const login = await fetch(`${lab.url}/v1/auth/login`);
      assert.equal(login.status, 200);
      assert.deepEqual(await login.json(), { oidc: { name: 'default', url: lab.issuer } });
      const wellKnown = await fetch(`${lab.url}/.well-known/opentalk/api`);
      assert.deepEqual(await wellKnown.json(), { opentalk_api: { v1: { base_url: '/v1' } } });
    });

    it('answers 401 as text/json with WWW-Authenticate for a missing or bad token', async () => {
      const missing = await fetch(`${lab.url}/v1/users/me`);
      assert.equal(missing.status, 401);
      assert.equal(missing.headers.get('content-type'), 'text/json; charset=utf-8');
      assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
      assert.deepEqual(await missing.json(), { code: 'unauthorized', message: 'Unable to parse access token or invite code' });

      const bogus = await api('/v1/users/me', { headers: { authorization: 'Bearer not-a-token' } });
      assert.equal(bogus.status, 401);
      assert.equal(bogus.headers.get('content-type'), 'text/json; charset=utf-8');
      assert.equal(((await bogus.json()) as { code: string }).code, 'unauthorized');
    });

    it('returns the signed-in user from users/me', async () => {
      const response = await api('/v1/users/me');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const me = (await response.json()) as Record<string, unknown>;
      assert.equal(me.email, 'helen@lab.test');
      assert.equal(me.display_name, 'Helen Park');
      assert.equal(me.firstname, 'Helen');
      assert.equal(me.id, lab.seed.users.helen);
      assert.equal(me.tariff_status, 'default');
      assert.match(String(me.avatar_url), /^https:\/\/seccdn\.libravatar\.org\/avatar\/[0-9a-f]{32}$/);
    });

    it('pages rooms with page/per_page and a Link header', async () => {
      const all = (await (await api('/v1/rooms?per_page=100')).json()) as Array<{ id: string }>;
      assert.ok(all.length >= 15, `helen sees ${all.length} rooms`);
      const ids = all.map((r) => r.id);
      assert.deepEqual([...ids].sort().reverse(), ids, 'ordered by id, descending');
      assert.ok(!ids.includes(lab.seed.rooms.kevinPrivate!), 'foreign rooms are not listed');

      const lastPage = Math.ceil(all.length / 5);
      const page2 = await api('/v1/rooms?per_page=5&page=2');
      assert.equal(page2.status, 200);
      const body = (await page2.json()) as Array<{ id: string }>;
      assert.deepEqual(body.map((r) => r.id), ids.slice(5, 10));
      const link = page2.headers.get('link')!;
      const rels = Object.fromEntries(
        link.split(',').map((part) => {
          const m = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [m[2]!, new URL(m[1]!)];
        }),
      );
      assert.deepEqual(Object.keys(rels), ['first', 'prev', 'next', 'last']);
      assert.equal(rels.first!.searchParams.get('page'), '1');
      assert.equal(rels.prev!.searchParams.get('page'), '1');
      assert.equal(rels.next!.searchParams.get('page'), '3');
      assert.equal(rels.last!.searchParams.get('page'), String(lastPage));
      assert.equal(rels.next!.searchParams.get('per_page'), '5');
      assert.equal(rels.next!.origin, lab.url);

      const single = await api('/v1/rooms?per_page=100');
      assert.equal(single.headers.get('link'), '', 'present but empty for a single page');
      const beyond = await api(`/v1/rooms?per_page=5&page=${lastPage + 1}`);
      assert.deepEqual(await beyond.json(), []);
    });

    it('rejects out-of-range paging parameters instead of clamping them', async () => {
      for (const query of ['per_page=0', 'per_page=101', 'page=0', 'per_page=abc']) {
        const response = await api(`/v1/rooms?${query}`);
        assert.equal(response.status, 400, query);
        assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      }
      lab.settings.queryErrorBody = 'json';
      try {
        const response = await api('/v1/rooms?per_page=101');
        assert.equal(response.headers.get('content-type'), 'text/json; charset=utf-8');
        assert.equal(((await response.json()) as { code: string }).code, 'bad_request');
      } finally {
        lab.settings.queryErrorBody = 'text';
      }
    });

    it('sends CORS for web origins but does not expose Link (unless switched on)', async () => {
      const response = await api('/v1/rooms?per_page=2', { headers: { authorization: auth, origin: APP } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), APP);
      assert.ok(response.headers.get('link'), 'Link is sent');
      assert.equal(response.headers.get('access-control-expose-headers'), null, 'but not exposed to scripts');

      const foreign = await api('/v1/rooms', { headers: { authorization: auth, origin: FOREIGN } });
      assert.equal(foreign.headers.get('access-control-allow-origin'), null);

      const preflight = await fetch(`${lab.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      assert.equal(preflight.status, 200);
      assert.equal(preflight.headers.get('access-control-allow-origin'), APP);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);

      const extraHeader = await fetch(`${lab.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, x-trace' },
      });
      assert.equal(extraHeader.status, 400);
      assert.equal(extraHeader.headers.get('access-control-allow-origin'), null);

      const foreignPreflight = await fetch(`${lab.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin: FOREIGN, 'access-control-request-method': 'GET' },
      });
      assert.equal(foreignPreflight.headers.get('access-control-allow-origin'), null);

      lab.settings.exposeLinkHeader = true;
      try {
        const exposed = await api('/v1/rooms?per_page=2', { headers: { authorization: auth, origin: APP } });
        assert.equal(exposed.headers.get('access-control-expose-headers'), 'Link');
      } finally {
        lab.settings.exposeLinkHeader = false;
      }
    });

    it('pages events with the after cursor until an empty page, in the documented order', async () => {
      const seen: Array<Record<string, unknown>> = [];
      let url = '/v1/events?per_page=4';
      let lastLink: string | null = null;
      for (let guard = 0; guard < 20; guard++) {
        const response = await api(url);
        assert.equal(response.status, 200);
        const page = (await response.json()) as Array<Record<string, unknown>>;
        const link = response.headers.get('link');
        if (page.length === 0) {
          assert.equal(link, null, 'an empty page has no Link');
          break;
        }
        const m = /^<([^>]+)>; rel="after"$/.exec(link ?? '');
        assert.ok(m, `cursor link on every non-empty page: ${link}`);
        lastLink = m[1]!;
        const next = new URL(m[1]!);
        assert.equal(next.searchParams.get('per_page'), '4');
        // A client that cannot read Link rebuilds the same cursor from the last item.
        const last = page.at(-1)!;
        const rebuilt = encodeEventCursor({
          eventId: String(last.id),
          createdAt: String(last.created_at),
          startsAt: (last.starts_at as { datetime: string } | undefined)?.datetime ?? null,
          instanceId: null,
        });
        assert.equal(next.searchParams.get('after'), rebuilt);
        seen.push(...page);
        url = `/v1/events?per_page=4&after=${rebuilt}`;
      }
      assert.ok(lastLink);
      const titles = seen.map((e) => e.title);
      assert.equal(new Set(seen.map((e) => e.id)).size, seen.length, 'no duplicates across pages');
      assert.ok(titles.includes('My Conference'));
      assert.ok(titles.includes('Планёрка отдела продаж'));
      assert.ok(titles.includes('Quartalsplanung Q3 – Größe & Prioritäten'));
      assert.ok(titles.includes('Review <img src=x onerror=alert(1)>'));
      assert.ok(!titles.includes('Kevins Privattermin'), 'foreign events are invisible');
      const firstTimed = seen.findIndex((e) => e.is_time_independent === false);
      assert.ok(seen.slice(firstTimed).every((e) => e.is_time_independent === false), 'time-independent events come first');
      const starts = seen.slice(firstTimed).map((e) => Date.parse((e.starts_at as { datetime: string }).datetime));
      assert.deepEqual([...starts].sort((a, b) => a - b), starts);
    });

    it('decodes the spec example cursor and refuses a malformed one', async () => {
      assert.deepEqual(decodeEventCursor('EAAAAAAAAAAAAAAARDMiEQAUMjAyNC0wNy0yMFQxNDoxNjoxOVoAAA'), {
        eventId: '00000000-0000-0000-0000-004433221100',
        createdAt: '2024-07-20T14:16:19Z',
        startsAt: null,
        instanceId: null,
      });
      const bad = await api('/v1/events?after=not*a*cursor');
      assert.equal(bad.status, 400);
    });

    it('filters events by time range, adhoc and favourites, and embeds invitees on request', async () => {
      const now = Date.now();
      const range = new URLSearchParams({ time_min: new Date(now).toISOString(), time_max: new Date(now + 2 * 86_400_000).toISOString() });
      const inRange = (await (await api(`/v1/events?${range}`)).json()) as Array<Record<string, unknown>>;
      const titles = inRange.map((e) => e.title);
      assert.ok(titles.includes('My Conference'));
      assert.ok(titles.includes('Ежедневная синхронизация'), 'a live meeting overlaps now');
      assert.ok(titles.includes('Daily stand-up'), 'an open-ended series overlaps any future range');
      assert.ok(!titles.includes('Jahresrückblick (Serie beendet)'), 'a series that ended is outside');
      assert.ok(!titles.includes('Retrospektive Sprint 41'), 'past meetings are outside');
      assert.ok(inRange.every((e) => e.is_time_independent === false), 'time filters drop time-independent events');

      const adhoc = (await (await api('/v1/events?adhoc=true')).json()) as Array<Record<string, unknown>>;
      assert.deepEqual(adhoc.map((e) => e.title).sort(), ['Kurze Abstimmung', 'Meeting 10:42']);
      assert.ok(adhoc.every((e) => e.is_adhoc === true && e.is_time_independent === true));

      const favorites = (await (await api('/v1/events?favorites=true')).json()) as Array<Record<string, unknown>>;
      assert.deepEqual(favorites.map((e) => e.title), ['Quartalsplanung Q3 – Größe & Prioritäten']);

      const pending = (await (await api('/v1/events?invite_status=pending')).json()) as Array<Record<string, unknown>>;
      assert.deepEqual(pending.map((e) => e.title), ['Wöchentlicher Jour fixe']);

      const embedded = (await (await api(`/v1/events/${lab.seed.events.myConference}?invitees_max=10`)).json()) as Record<string, unknown>;
      assert.equal(embedded.invitees_truncated, false);
      const invitees = embedded.invitees as Array<{ profile: Record<string, unknown>; status: string }>;
      assert.equal(invitees.length, 1);
      assert.equal(invitees[0]!.profile.kind, 'registered');
      assert.equal(invitees[0]!.profile.email, 'dean@lab.test');
      const bare = (await (await api(`/v1/events/${lab.seed.events.myConference}`)).json()) as Record<string, unknown>;
      assert.deepEqual(bare.invitees, []);
      assert.equal(bare.invitees_truncated, true);
      assert.equal(bare.invite_status, 'accepted');
      assert.equal(bare.can_edit, true);
      assert.equal(bare.type, 'single');

      const recurring = (await (await api(`/v1/events/${lab.seed.events.standup}`)).json()) as Record<string, unknown>;
      assert.equal(recurring.type, 'recurring');
      assert.deepEqual(recurring.recurrence_pattern, ['RRULE:FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR']);
    });

    it('answers 403 with an empty body for foreign and unknown ids', async () => {
      for (const path of [
        `/v1/events/${lab.seed.events.kevinPrivate}`,
        `/v1/rooms/${lab.seed.rooms.kevinPrivate}`,
        '/v1/events/00000000-0000-4000-8000-000000000000',
        '/v1/rooms/00000000-0000-4000-8000-000000000000',
      ]) {
        const response = await api(path);
        assert.equal(response.status, 403, path);
        assert.equal(await response.text(), '', path);
        assert.equal(response.headers.get('content-type'), null);
      }
      // Invitees may read but not write.
      const patch = await api(`/v1/events/${lab.seed.events.quarterly}`, {
        method: 'PATCH',
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'hijack' }),
      });
      assert.equal(patch.status, 403);
      assert.equal(await patch.text(), '');
    });

    it('creates, patches and deletes events with the controller validation rules', async () => {
      const json = { authorization: auth, 'content-type': 'application/json' };
      const wrongType = await api('/v1/events', { method: 'POST', headers: { authorization: auth, 'content-type': 'text/plain' }, body: '{}' });
      assert.equal(wrongType.status, 400);
      assert.equal(wrongType.headers.get('content-type'), 'text/json; charset=utf-8');
      assert.equal(((await wrongType.json()) as { code: string }).code, 'invalid_content_type');

      const missing = await api('/v1/events', { method: 'POST', headers: json, body: JSON.stringify({ description: '' }) });
      assert.equal(missing.status, 400);
      assert.deepEqual(await missing.json(), { code: 'invalid_payload', message: 'missing field `title`' });

      const tooLong = await api('/v1/events', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ title: 'x'.repeat(256), description: '', is_time_independent: true }),
      });
      assert.equal(tooLong.status, 422);
      assert.equal(tooLong.headers.get('content-type'), 'text/json; charset=utf-8');
      const validation = (await tooLong.json()) as { code: string; validation_errors: Array<{ field: string; code: string }> };
      assert.equal(validation.code, 'validation_failed');
      assert.deepEqual(validation.validation_errors.map((e) => [e.field, e.code]), [['title', 'invalid_length']]);

      const start = new Date(Date.now() + 86_400_000);
      const created = await api('/v1/events', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          title: 'Planung <b>Größe</b>',
          description: '',
          is_time_independent: false,
          is_all_day: false,
          waiting_room: false,
          starts_at: { datetime: start.toISOString(), timezone: 'Europe/Berlin' },
          ends_at: { datetime: new Date(start.getTime() + 1_800_000).toISOString(), timezone: 'Europe/Berlin' },
          recurrence_pattern: ['RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO'],
        }),
      });
      assert.equal(created.status, 200, 'the handlers answer 200, not the documented 201');
      const event = (await created.json()) as EventJson;
      assert.equal(event.type, 'recurring');
      assert.equal(event.starts_at.timezone, 'Europe/Berlin');
      assert.equal(event.starts_at.datetime, start.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      assert.match(event.room.id, /^[0-9a-f-]{36}$/);

      const empty = await api(`/v1/events/${event.id}`, { method: 'PATCH', headers: json, body: '{}' });
      assert.equal(empty.status, 204);
      const patched = await api(`/v1/events/${event.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ title: 'Planung', password: 'pw' }) });
      assert.equal(patched.status, 200);
      const after = (await patched.json()) as EventJson;
      assert.equal(after.title, 'Planung');
      assert.equal(after.room.password, 'pw');
      assert.equal(after.type, 'recurring', 'untouched fields stay');

      const invite = await api(`/v1/events/${event.id}/invites`, { method: 'POST', headers: json, body: JSON.stringify({ invitee: lab.seed.users.kevin }) });
      assert.equal(invite.status, 201);
      const again = await api(`/v1/events/${event.id}/invites`, { method: 'POST', headers: json, body: JSON.stringify({ invitee: lab.seed.users.kevin }) });
      assert.equal(again.status, 204);
      const seenByKevin = await api(`/v1/events/${event.id}`, { as: 'kevin' });
      assert.equal(((await seenByKevin.json()) as { invite_status: string }).invite_status, 'pending');
      const accept = await api(`/v1/events/${event.id}/invite`, { method: 'PATCH', as: 'kevin' });
      assert.equal(accept.status, 204);
      const list = await api(`/v1/events/${event.id}/invites`);
      assert.deepEqual(((await list.json()) as Array<{ status: string }>).map((i) => i.status), ['accepted']);

      const deleted = await api(`/v1/events/${event.id}`, { method: 'DELETE' });
      assert.equal(deleted.status, 204);
      const gone = await api(`/v1/rooms/${event.room.id}`);
      assert.equal(gone.status, 403, 'the event took its room along');
    });

    it('manages room invites, verifies them, and lets a guest land on the room page', async () => {
      const json = { authorization: auth, 'content-type': 'application/json' };
      const roomId = lab.seed.rooms.html!;
      const created = await api(`/v1/rooms/${roomId}/invites`, { method: 'POST', headers: json, body: '{}' });
      assert.equal(created.status, 200);
      const invite = (await created.json()) as Record<string, unknown>;
      assert.equal(invite.room_id, roomId);
      assert.equal(invite.active, true);
      assert.equal(invite.expiration, null);

      const verify = await fetch(`${lab.url}/v1/invite/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invite_code: invite.invite_code }),
      });
      assert.deepEqual(await verify.json(), { room_id: roomId, password_required: false });

      const asGuest = await fetch(`${lab.url}/v1/rooms/${roomId}/event`, { headers: { authorization: `InviteCode ${invite.invite_code}` } });
      assert.equal(asGuest.status, 200);
      assert.equal(((await asGuest.json()) as { title: string }).title, 'Review <img src=x onerror=alert(1)>');

      const page = await fetch(`${lab.url}/room/${roomId}?invite=${invite.invite_code}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Review &#60;img src=x onerror=alert\(1\)&#62;/);
      assert.doesNotMatch(html, /<img/);
      assert.match(html, /data-joined-as="guest"/);
      assert.deepEqual(lab.state.joins.at(-1), { roomId, as: 'guest', inviteCode: invite.invite_code, at: lab.state.joins.at(-1)!.at });

      const revoke = await api(`/v1/rooms/${roomId}/invites/${invite.invite_code}`, { method: 'DELETE' });
      assert.equal(revoke.status, 204);
      const listed = (await (await api(`/v1/rooms/${roomId}/invites`)).json()) as Array<{ invite_code: string; active: boolean }>;
      assert.equal(listed.find((i) => i.invite_code === invite.invite_code)?.active, false, 'soft-deleted invites stay listed');
      for (const code of [invite.invite_code, lab.seed.invites.expired, lab.seed.invites.revoked]) {
        const dead = await fetch(`${lab.url}/v1/invite/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ invite_code: code }),
        });
        assert.equal(dead.status, 404);
        assert.equal(dead.headers.get('content-type'), 'text/json; charset=utf-8');
      }
      const deadPage = await fetch(`${lab.url}/room/${roomId}?invite=${invite.invite_code}`);
      assert.equal(deadPage.status, 404);

      const permanent = await fetch(`${lab.url}/invite/${lab.seed.invites.permanent}`, { redirect: 'manual' });
      assert.equal(permanent.status, 302);
      assert.equal(permanent.headers.get('location'), `/room/${lab.seed.rooms.adhoc}?invite=${lab.seed.invites.permanent}`);
    });

    it('creates rooms and refuses foreign writes', async () => {
      const json = { authorization: auth, 'content-type': 'application/json' };
      const created = await api('/v1/rooms', { method: 'POST', headers: json, body: JSON.stringify({ password: 'geheim', waiting_room: true }) });
      assert.equal(created.status, 200);
      const room = (await created.json()) as RoomJson;
      assert.equal(room.password, 'geheim');
      assert.equal(room.guest_access, 'waiting_room');
      assert.equal(room.created_by.id, lab.seed.users.helen);

      const cleared = await api(`/v1/rooms/${room.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ password: null }) });
      assert.equal(((await cleared.json()) as Record<string, unknown>).password, undefined, 'null removes the password');
      const badEnum = await api(`/v1/rooms/${room.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ guest_access: 'everyone' }) });
      assert.equal(badEnum.status, 400);
      const foreign = await api(`/v1/rooms/${room.id}`, { method: 'DELETE', as: 'dean' });
      assert.equal(foreign.status, 403);
      const mine = await api(`/v1/rooms/${room.id}`, { method: 'DELETE' });
      assert.equal(mine.status, 204);
    });

    it('turns expired access tokens into 401 until the client refreshes', async () => {
      const own = await signIn('kevin');
      const headers = { authorization: `Bearer ${own.access_token}` };
      assert.equal((await api('/v1/users/me', { headers })).status, 200);
      assert.ok(lab.expireAccessTokens() > 0);
      const denied = await api('/v1/users/me', { headers });
      assert.equal(denied.status, 401);
      const refreshed = (await (await tokenRequest({ grant_type: 'refresh_token', refresh_token: own.refresh_token })).json()) as Tokens;
      assert.equal((await api('/v1/users/me', { headers: { authorization: `Bearer ${refreshed.access_token}` } })).status, 200);
      // Everyone else's tokens expired too; renew the ones the other tests use.
      for (const user of ['helen', 'dean', 'kevin']) tokens[user] = await signIn(user);
      token = tokens.helen!.access_token;
      auth = `Bearer ${token}`;
    });

    it('emulates legacy controllers that need POST /v1/auth/login with the ID token', async () => {
      lab.settings.legacyLogin = true;
      try {
        const own = await signIn('dean');
        const headers = { authorization: `Bearer ${own.access_token}` };
        const before = await api('/v1/users/me', { headers });
        assert.equal(before.status, 401);
        assert.equal(((await before.json()) as { code: string }).code, 'unknown_sub');

        const forged = own.id_token.replace(/\.[^.]+$/, '.AAAA');
        const bad = await fetch(`${lab.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id_token: forged }) });
        assert.equal(bad.status, 401);
        assert.match(bad.headers.get('www-authenticate') ?? '', /The provided id token is invalid/);

        const login = await fetch(`${lab.url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id_token: own.id_token }),
        });
        assert.equal(login.status, 200);
        assert.deepEqual(await login.json(), { permissions: [] });
        assert.equal((await api('/v1/users/me', { headers })).status, 200);
      } finally {
        lab.settings.legacyLogin = false;
      }
    });

    it('answers users/find and pending invites', async () => {
      const short = await api('/v1/users/find?q=de');
      assert.equal(short.status, 400);
      assert.equal(((await short.json()) as { code: string }).code, 'query_too_short');
      const found = (await (await api('/v1/users/find?q=окун')).json()) as Array<Record<string, unknown>>;
      assert.deepEqual(found.map((u) => [u.kind, u.email]), [['registered', 'dean@lab.test']]);
      const pending = await api('/v1/users/me/pending_invites');
      assert.deepEqual(await pending.json(), { total_pending_invites: 1 });
    });
  });
});
