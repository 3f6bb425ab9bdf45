import { TcError } from '../model/error.js';
import { PROVIDER_NAMES, type ProviderName } from '../model/user.js';
import { isSecureUrl, parseUrl } from '../internal/urls.js';

export type LoginMode = 'redirect' | 'popup';
export type StorageKind = 'memory' | 'session' | 'local';

/** A validated `<tc-session>` configuration. */
export interface SessionConfig {
  provider: ProviderName;
  /** Vendor base URL (origin + optional path), no trailing slash. */
  server: string;
  /** Authorization server: the tc-bridge for bridged vendors, the realm for OpenTalk. */
  issuer: string;
  clientId: string;
  redirectUri: string | undefined;
  scope: string | undefined;
  apiBase: string | undefined;
  apiVersion: string | undefined;
  loginMode: LoginMode;
  storage: StorageKind;
}

/** Raw attribute values as `<tc-session>` receives them. */
export interface SessionConfigInput {
  provider?: string | null | undefined;
  server?: string | null | undefined;
  issuer?: string | null | undefined;
  clientId?: string | null | undefined;
  redirectUri?: string | null | undefined;
  scope?: string | null | undefined;
  apiBase?: string | null | undefined;
  apiVersion?: string | null | undefined;
  loginMode?: string | null | undefined;
  storage?: string | null | undefined;
}

/** Vendors whose public cloud has a well-known API host, so `server` may be omitted. */
const DEFAULT_SERVERS: Partial<Record<ProviderName, string>> = {
  webex: 'https://webexapis.com',
  telphin: 'https://apiproxy.telphin.ru',
};

const TRUECONF_VERSION = /^v(3\.\d+|4(\.\d+)?)$/;

export type ConfigResult = { ok: true; config: SessionConfig } | { ok: false; errors: TcError[] };

/**
 * Checks a session configuration and says, per attribute, what is wrong and how to fix it.
 * Returns every problem at once so a page author fixes them in one go.
 */
export function parseSessionConfig(input: SessionConfigInput): ConfigResult {
  const errors: TcError[] = [];
  const fail = (attribute: string, message: string) =>
    errors.push(new TcError({ kind: 'config', message, fields: { [attribute]: message }, code: attribute }));

  const provider = input.provider?.trim();
  if (!provider) fail('provider', `provider is required: one of ${PROVIDER_NAMES.join(', ')}.`);
  else if (!PROVIDER_NAMES.includes(provider as ProviderName))
    fail('provider', `Unknown provider "${provider}": expected one of ${PROVIDER_NAMES.join(', ')}.`);
  const name = PROVIDER_NAMES.includes(provider as ProviderName) ? (provider as ProviderName) : undefined;

  const clientId = input.clientId?.trim();
  if (!clientId) fail('client-id', 'client-id is required: the OAuth client registered for this page.');

  const url = (attribute: string, value: string | null | undefined, required: boolean): string | undefined => {
    const raw = value?.trim();
    if (!raw) {
      if (required) fail(attribute, `${attribute} is required.`);
      return undefined;
    }
    const parsed = parseUrl(raw);
    if (!parsed || !/^https?:$/.test(parsed.protocol)) {
      fail(attribute, `${attribute} "${raw}" is not a valid absolute http(s) URL.`);
      return undefined;
    }
    if (!isSecureUrl(parsed)) {
      fail(attribute, `${attribute} "${raw}" must use https: (plain http is allowed only on localhost/127.0.0.1).`);
      return undefined;
    }
    if (parsed.username || parsed.password) {
      fail(attribute, `${attribute} must not contain credentials.`);
      return undefined;
    }
    return parsed.href.replace(/\/+$/, '');
  };

  const server = url('server', input.server, name === undefined || DEFAULT_SERVERS[name] === undefined) ??
    (name ? DEFAULT_SERVERS[name] : undefined);
  const issuer = url('issuer', input.issuer, true);
  const apiBase = url('api-base', input.apiBase, false);
  const redirectUri = url('redirect-uri', input.redirectUri, false);

  const apiVersion = input.apiVersion?.trim() || undefined;
  if (apiVersion && name === 'trueconf' && !TRUECONF_VERSION.test(apiVersion))
    fail('api-version', `api-version "${apiVersion}" is not a TrueConf API version: use v3.11 (or another v3.x) or v4.`);

  const loginMode = input.loginMode?.trim() || 'redirect';
  if (loginMode !== 'redirect' && loginMode !== 'popup')
    fail('login-mode', `login-mode "${loginMode}" is not supported: use redirect or popup.`);

  const storage = input.storage?.trim() || 'memory';
  if (storage !== 'memory' && storage !== 'session' && storage !== 'local')
    fail('storage', `storage "${storage}" is not supported: use memory, session or local.`);

  if (errors.length > 0 || !name || !clientId || !server || !issuer) return { ok: false, errors };
  return {
    ok: true,
    config: {
      provider: name,
      server,
      issuer,
      clientId,
      redirectUri,
      scope: input.scope?.trim() || undefined,
      apiBase,
      apiVersion,
      loginMode: loginMode as LoginMode,
      storage: storage as StorageKind,
    },
  };
}
