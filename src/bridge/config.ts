/**
 * Bridge configuration: types, loading from a JSON file and/or `TC_BRIDGE_*` environment
 * variables, and validation. Secrets may come from the environment so config files need not
 * hold them; validation messages never include a secret.
 */
import { readFileSync } from 'node:fs';

export type UpstreamKind = 'trueconf-v3' | 'trueconf-v4' | 'webex' | 'telphin';
export const UPSTREAM_KINDS: readonly UpstreamKind[] = ['trueconf-v3', 'trueconf-v4', 'webex', 'telphin'];

/** A browser (public) client allowed to use the bridge. */
export interface BridgeClientConfig {
  clientId: string;
  /** Compared as exact strings: no trailing-slash, port or query leniency. */
  redirectUris: string[];
  /** Exact origins (`https://portal.example`) that get CORS on /token, /revoke, metadata and /api. */
  allowedOrigins: string[];
}

/** The vendor the bridge signs in to, as a confidential client. */
export interface UpstreamConfig {
  kind: UpstreamKind;
  /** Vendor origin (plus path prefix if any), e.g. `https://video.example.com`. */
  baseUrl: string;
  clientId: string;
  /** May be left out of files and given as `TC_BRIDGE_UPSTREAM_SECRET`. */
  clientSecret?: string;
  /** Scope requested upstream (Webex needs one; Telphin always uses `all`). */
  scope?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  /** Where `/api/*` is forwarded to; defaults per vendor. */
  apiBaseUrl?: string;
}

export interface BridgeConfig {
  listen?: { host?: string; port?: number };
  /** The issuer: the URL browsers reach the bridge at. Defaults to the listen URL. */
  publicUrl?: string;
  clients: BridgeClientConfig[];
  upstream: UpstreamConfig;
  /** Forward `/api/*` to the vendor API with CORS for allowed origins. */
  passthrough?: boolean;
  /** Lifetime of the bridge's own authorization codes (default 60). */
  codeTtlSeconds?: number;
  /** How long a sign-in may take at the vendor (default 600). */
  transactionTtlSeconds?: number;
  /** Lifetime of a bridge refresh handle when the vendor does not say (default 30 days). */
  refreshTtlSeconds?: number;
  /** Timeout of each upstream request (default 10 000). */
  upstreamTimeoutMs?: number;
  /** Receives one line per notable event; never given a secret or token. */
  log?: (line: string) => void;
}

export class BridgeConfigError extends Error {
  override name = 'BridgeConfigError';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** https anywhere, plain http only on loopback (lab and local development). */
export function isAcceptableUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

function parseUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(/[\s,]+/).filter((item) => item !== '');
}

/**
 * Reads a config from `file` (or the file named by `TC_BRIDGE_CONFIG`), then applies
 * `TC_BRIDGE_*` variables on top, then validates. Throws BridgeConfigError listing every problem.
 */
export function loadBridgeConfig(source: { file?: string; env?: NodeJS.ProcessEnv } = {}): BridgeConfig {
  const env = source.env ?? {};
  const file = source.file ?? env.TC_BRIDGE_CONFIG;
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new BridgeConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      raw = parsed as Record<string, unknown>;
    } catch (err) {
      throw new BridgeConfigError(`config file ${file} is not a JSON object: ${(err as Error).message}`);
    }
  }
  const config = raw as unknown as BridgeConfig;
  applyEnv(config, env);
  return validateBridgeConfig(config);
}

function applyEnv(config: BridgeConfig, env: NodeJS.ProcessEnv): void {
  const listen = { ...(config.listen ?? {}) };
  if (env.TC_BRIDGE_HOST) listen.host = env.TC_BRIDGE_HOST;
  if (env.TC_BRIDGE_PORT) listen.port = Number(env.TC_BRIDGE_PORT);
  if (listen.host !== undefined || listen.port !== undefined) config.listen = listen;
  if (env.TC_BRIDGE_PUBLIC_URL) config.publicUrl = env.TC_BRIDGE_PUBLIC_URL;
  if (env.TC_BRIDGE_PASSTHROUGH) config.passthrough = /^(1|true|yes|on)$/i.test(env.TC_BRIDGE_PASSTHROUGH);
  if (env.TC_BRIDGE_CODE_TTL) config.codeTtlSeconds = Number(env.TC_BRIDGE_CODE_TTL);

  if (env.TC_BRIDGE_CLIENTS) {
    try {
      config.clients = JSON.parse(env.TC_BRIDGE_CLIENTS) as BridgeClientConfig[];
    } catch {
      throw new BridgeConfigError('TC_BRIDGE_CLIENTS is not valid JSON');
    }
  } else if (env.TC_BRIDGE_CLIENT_ID) {
    config.clients = [
      {
        clientId: env.TC_BRIDGE_CLIENT_ID,
        redirectUris: list(env.TC_BRIDGE_REDIRECT_URIS) ?? [],
        allowedOrigins: list(env.TC_BRIDGE_ALLOWED_ORIGINS) ?? [],
      },
    ];
  }

  const upstream = { ...(config.upstream ?? {}) } as UpstreamConfig;
  const fields: Array<[keyof UpstreamConfig, string]> = [
    ['kind', 'TC_BRIDGE_UPSTREAM_KIND'],
    ['baseUrl', 'TC_BRIDGE_UPSTREAM_BASE_URL'],
    ['clientId', 'TC_BRIDGE_UPSTREAM_CLIENT_ID'],
    ['clientSecret', 'TC_BRIDGE_UPSTREAM_SECRET'],
    ['scope', 'TC_BRIDGE_UPSTREAM_SCOPE'],
    ['authorizeUrl', 'TC_BRIDGE_UPSTREAM_AUTHORIZE_URL'],
    ['tokenUrl', 'TC_BRIDGE_UPSTREAM_TOKEN_URL'],
    ['apiBaseUrl', 'TC_BRIDGE_UPSTREAM_API_BASE_URL'],
  ];
  for (const [key, name] of fields) {
    const value = env[name];
    if (value) (upstream as unknown as Record<string, string>)[key] = value;
  }
  if (!upstream.clientSecret && env.TC_BRIDGE_UPSTREAM_SECRET_FILE) {
    try {
      upstream.clientSecret = readFileSync(env.TC_BRIDGE_UPSTREAM_SECRET_FILE, 'utf8').trim();
    } catch {
      throw new BridgeConfigError('cannot read TC_BRIDGE_UPSTREAM_SECRET_FILE');
    }
  }
  config.upstream = upstream;
}

/** Checks a config object (from code, a file or the environment); returns it with defaults filled in. */
export function validateBridgeConfig(config: BridgeConfig): BridgeConfig {
  const problems: string[] = [];
  const port = config.listen?.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('listen.port must be an integer 0..65535');
  const host = config.listen?.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') problems.push('listen.host must be a host name or address');

  let publicUrl: string | undefined;
  if (config.publicUrl !== undefined) {
    const url = parseUrl(config.publicUrl);
    if (!url || !isAcceptableUrl(url)) problems.push('publicUrl must be an https URL (http only on loopback)');
    else if (url.search || url.hash) problems.push('publicUrl must not have a query or fragment');
    else publicUrl = url.href.replace(/\/+$/, '');
  }

  const clients = Array.isArray(config.clients) ? config.clients : [];
  if (clients.length === 0) problems.push('clients must list at least one client');
  const seen = new Set<string>();
  clients.forEach((client, i) => {
    const where = `clients[${i}]`;
    if (!client || typeof client.clientId !== 'string' || client.clientId === '') {
      problems.push(`${where}.clientId is required`);
      return;
    }
    if (seen.has(client.clientId)) problems.push(`${where}.clientId ${client.clientId} is listed twice`);
    seen.add(client.clientId);
    if (!Array.isArray(client.redirectUris) || client.redirectUris.length === 0) {
      problems.push(`${where}.redirectUris must list at least one URI`);
    } else {
      for (const uri of client.redirectUris) {
        const url = parseUrl(uri);
        if (!url || !isAcceptableUrl(url)) problems.push(`${where}.redirectUris: ${uri} must be https (http only on loopback)`);
        else if (url.hash) problems.push(`${where}.redirectUris: ${uri} must not have a fragment`);
      }
    }
    if (!Array.isArray(client.allowedOrigins)) problems.push(`${where}.allowedOrigins must be a list of origins`);
    else {
      for (const origin of client.allowedOrigins) {
        const url = parseUrl(origin);
        if (!url || url.origin !== origin) problems.push(`${where}.allowedOrigins: ${origin} is not an exact origin`);
      }
    }
  });

  const upstream = config.upstream ?? ({} as UpstreamConfig);
  if (!UPSTREAM_KINDS.includes(upstream.kind)) problems.push(`upstream.kind must be one of ${UPSTREAM_KINDS.join(', ')}`);
  for (const key of ['baseUrl', 'authorizeUrl', 'tokenUrl', 'apiBaseUrl'] as const) {
    const value = upstream[key];
    if (value === undefined && key !== 'baseUrl') continue;
    const url = parseUrl(value);
    if (!url || !isAcceptableUrl(url)) problems.push(`upstream.${key} must be an https URL (http only on loopback)`);
  }
  if (typeof upstream.clientId !== 'string' || upstream.clientId === '') problems.push('upstream.clientId is required');
  if (typeof upstream.clientSecret !== 'string' || upstream.clientSecret === '') {
    problems.push('upstream.clientSecret is required (or set TC_BRIDGE_UPSTREAM_SECRET)');
  }
  for (const key of ['codeTtlSeconds', 'transactionTtlSeconds', 'refreshTtlSeconds', 'upstreamTimeoutMs'] as const) {
    const value = config[key];
    if (value !== undefined && !(typeof value === 'number' && value > 0)) problems.push(`${key} must be a positive number`);
  }
  if (problems.length > 0) throw new BridgeConfigError(`invalid bridge config:\n  - ${problems.join('\n  - ')}`);

  return {
    ...config,
    listen: { host, port },
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    upstream: { ...upstream, baseUrl: upstream.baseUrl.replace(/\/+$/, '') },
    passthrough: config.passthrough === true,
    codeTtlSeconds: config.codeTtlSeconds ?? 60,
    transactionTtlSeconds: config.transactionTtlSeconds ?? 600,
    refreshTtlSeconds: config.refreshTtlSeconds ?? 30 * 24 * 3600,
    upstreamTimeoutMs: config.upstreamTimeoutMs ?? 10_000,
  };
}
