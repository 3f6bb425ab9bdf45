/**
 * A minimal vendor for the bridge's own tests: a real HTTP server on 127.0.0.1 that speaks each
 * vendor's token dialect strictly (secret required, v3 `code`, v4 JSON `auth_code`, Webex Basic +
 * PKCE, Telphin `scope=all`) and approves sign-ins without a login form. Switches let tests make it
 * misbehave (HTML error pages, dead refresh tokens). The full emulators live in demo/lab; this one
 * exists so the bridge's security properties can be tested in isolation and with failure modes.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UpstreamKind } from '../../../src/bridge/index.js';
import { basicAuth, bearerToken, listen, randomHex, readParams, redirect, sendJson } from '../../../demo/lab/http.js';

export type TokenAnswer = 'ok' | 'html-502' | 'html-400' | 'invalid_grant' | 'json-500';

export interface TestVendorRequest {
  method: string;
  path: string;
  status: number;
  /** Parsed body of token requests, for assertions on what the bridge sent. */
  params?: Record<string, unknown>;
  authorization?: string;
  contentType?: string;
}

export interface TestVendor {
  kind: UpstreamKind;
  url: string;
  client: { id: string; secret: string; redirectUris: string[] };
  settings: {
    tokenAnswer: TokenAnswer;
    refreshAnswer: TokenAnswer;
    /** Return a new refresh token on refresh (rotation). */
    rotateRefresh: boolean;
    /** Telphin only: echo `state` (undocumented at the real vendor). */
    echoState: boolean;
    accessTtlSeconds: number;
    /** Include `refresh_token` in the code response. */
    issueRefresh: boolean;
  };
  requests: TestVendorRequest[];
  /** Access and refresh tokens currently valid. */
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  close(): Promise<void>;
}

const PATHS: Record<UpstreamKind, { authorize: string; token: string }> = {
  'trueconf-v3': { authorize: '/oauth2/authorize', token: '/oauth2/v1/token' },
  'trueconf-v4': { authorize: '/oauth2/authorize', token: '/api/v4/oauth2/token' },
  webex: { authorize: '/v1/authorize', token: '/v1/access_token' },
  telphin: { authorize: '/oauth/authorize', token: '/oauth/token' },
};

const HTML_PAGE = '<html><body><h1>502 Bad Gateway</h1><p>nginx</p><!-- upstream secret-ish debug --></body></html>';

export async function startTestVendor(kind: UpstreamKind): Promise<TestVendor> {
  const paths = PATHS[kind];
  const codes = new Map<string, { redirectUri: string; challenge?: string; expiresAt: number }>();
  const vendor: TestVendor = {
    kind,
    url: '',
    client: { id: `client-${randomHex(4)}`, secret: randomHex(20), redirectUris: [] },
    settings: {
      tokenAnswer: 'ok',
      refreshAnswer: 'ok',
      rotateRefresh: true,
      echoState: true,
      accessTtlSeconds: 3600,
      issueRefresh: true,
    },
    requests: [],
    accessTokens: new Set(),
    refreshTokens: new Set(),
    close: async () => {},
  };

  function issue(res: ServerResponse, withRefresh: boolean): void {
    const access = randomHex(20);
    vendor.accessTokens.add(access);
    const body: Record<string, unknown> = { access_token: access, token_type: 'Bearer', expires_in: vendor.settings.accessTtlSeconds };
    if (withRefresh) {
      const refresh = randomHex(20);
      vendor.refreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    if (kind === 'telphin') body.scope = 'all';
    if (kind.startsWith('trueconf')) Object.assign(body, { user_id: 'helen', display_name: 'Helen Park' });
    sendJson(res, 200, body);
  }

  function misbehave(res: ServerResponse, answer: TokenAnswer): boolean {
    switch (answer) {
      case 'ok':
        return false;
      case 'html-502':
        res.writeHead(502, { 'content-type': 'text/html' }).end(HTML_PAGE);
        return true;
      case 'html-400':
        res.writeHead(400, { 'content-type': 'text/html' }).end(HTML_PAGE);
        return true;
      case 'json-500':
        sendJson(res, 500, { error: { code: 500, message: 'Internal', trace: 'at secret.js:1' } });
        return true;
      case 'invalid_grant':
        sendJson(res, kind === 'telphin' ? 401 : 400, { error: 'invalid_grant', error_description: 'dead' });
        return true;
    }
  }

  async function token(req: IncomingMessage, res: ServerResponse, log: TestVendorRequest): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0];
    log.contentType = type;
    const params = await readParams(req);
    log.params = params;
    if (!params) return sendJson(res, 400, { error: 'invalid_request' });
    if (kind === 'trueconf-v4' && type !== 'application/json') return sendJson(res, 400, { error: 'invalid_request' });
    if (kind !== 'trueconf-v4' && type !== 'application/x-www-form-urlencoded') return sendJson(res, 400, { error: 'invalid_request' });
    // Client authentication: Webex only via Basic here (what its discovery lists), others in the body.
    const basic = basicAuth(req);
    const id = kind === 'webex' ? basic?.id : params.client_id;
    const secret = kind === 'webex' ? basic?.secret : params.client_secret;
    if (id !== vendor.client.id || secret !== vendor.client.secret) return sendJson(res, 401, { error: 'invalid_client' });
    if (kind === 'telphin' && params.scope !== 'all') return sendJson(res, 400, { error: 'invalid_scope' });

    if (params.grant_type === 'authorization_code') {
      if (misbehave(res, vendor.settings.tokenAnswer)) return;
      const code = String(kind === 'trueconf-v4' ? params.auth_code : params.code);
      const record = codes.get(code);
      codes.delete(code);
      if (!record || record.expiresAt < Date.now() || record.redirectUri !== params.redirect_uri) {
        return sendJson(res, 400, { error: 'invalid_grant' });
      }
      if (record.challenge !== undefined) {
        const verifier = String(params.code_verifier ?? '');
        if (createHash('sha256').update(verifier).digest('base64url') !== record.challenge) {
          return sendJson(res, 400, { error: 'invalid_grant' });
        }
      }
      return issue(res, vendor.settings.issueRefresh);
    }
    if (params.grant_type === 'refresh_token') {
      if (misbehave(res, vendor.settings.refreshAnswer)) return;
      const refresh = String(params.refresh_token);
      if (!vendor.refreshTokens.has(refresh)) return sendJson(res, kind === 'telphin' ? 401 : 400, { error: 'invalid_grant' });
      if (vendor.settings.rotateRefresh) {
        vendor.refreshTokens.delete(refresh);
        return issue(res, true);
      }
      return issue(res, false);
    }
    return sendJson(res, 400, { error: 'unsupported_grant_type' });
  }

  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== vendor.client.id || !vendor.client.redirectUris.includes(redirectUri)) {
      res.writeHead(400, { 'content-type': 'text/html' }).end('<p>bad client</p>');
      return;
    }
    if (kind === 'telphin' && q.get('scope') !== 'all') return redirect(res, `${redirectUri}?error=invalid_scope`);
    if (q.get('deny') === '1') return redirect(res, `${redirectUri}?error=access_denied`);
    const code = randomHex(16);
    const challenge = kind === 'webex' ? (q.get('code_challenge') ?? undefined) : undefined;
    codes.set(code, { redirectUri, ...(challenge ? { challenge } : {}), expiresAt: Date.now() + 60_000 });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    const state = q.get('state');
    if (state !== null && (kind === 'webex' || (kind === 'telphin' && vendor.settings.echoState))) back.searchParams.set('state', state);
    redirect(res, back.href);
  }

  const running = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://vendor.invalid');
    const log: TestVendorRequest = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    if (req.headers.authorization) log.authorization = req.headers.authorization;
    res.on('finish', () => {
      log.status = res.statusCode;
      vendor.requests.push(log);
    });
    if (req.method === 'GET' && url.pathname === paths.authorize) return authorize(url, res);
    if (req.method === 'POST' && url.pathname === paths.token) return token(req, res, log);
    // A resource endpoint under every vendor's API prefix, reporting what reached it.
    if (url.pathname.endsWith('/echo')) {
      const bearer = bearerToken(req);
      if (!bearer || !vendor.accessTokens.has(bearer)) return sendJson(res, 401, { message: 'Unauthorized' });
      const body = req.method === 'GET' ? undefined : await readParams(req);
      return sendJson(
        res,
        200,
        { path: url.pathname, query: url.search, method: req.method, headers: req.headers, body },
        {
          link: '<https://vendor.invalid/next>; rel="next"',
          'set-cookie': 'vendor_session=abc; Path=/',
          'access-control-allow-origin': '*',
          'keep-alive': 'timeout=5',
          // A header declared hop-by-hop through Connection must not cross the bridge either.
          connection: 'keep-alive, x-vendor-hop',
          'x-vendor-hop': '1',
          'x-ratelimit-remaining': '99',
        },
      );
    }
    sendJson(res, 404, { message: 'not found' });
  });
  vendor.url = running.url;
  vendor.close = running.close;
  return vendor;
}
