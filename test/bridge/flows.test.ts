/**
 * Happy paths of the bridge against a strict test vendor for each dialect: metadata, sign-in,
 * code exchange upstream (checking exactly what the bridge sent), refresh with rotation,
 * revocation and the API pass-through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { UpstreamKind } from '../../src/bridge/index.js';
import { Browser, PORTAL, postForm, redeem, refresh, signIn, startPair, type Lab } from './support/browser.js';

async function json(response: Response): Promise<Record<string, unknown>> {
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return (await response.json()) as Record<string, unknown>;
}

describe('bridge metadata', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('trueconf-v3');
  });
  after(() => lab.close());

  test('RFC 8414 document with S256 only, public clients, iss parameter', async () => {
    const response = await fetch(`${lab.bridge.issuer}/.well-known/oauth-authorization-server`, {
      headers: { origin: PORTAL.origin },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), PORTAL.origin);
    const doc = await json(response);
    assert.equal(doc.issuer, lab.bridge.issuer);
    assert.equal(doc.authorization_endpoint, `${lab.bridge.issuer}/authorize`);
    assert.equal(doc.token_endpoint, `${lab.bridge.issuer}/token`);
    assert.equal(doc.revocation_endpoint, `${lab.bridge.issuer}/revoke`);
    assert.deepEqual(doc.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(doc.response_types_supported, ['code']);
    assert.deepEqual(doc.grant_types_supported, ['authorization_code', 'refresh_token']);
    assert.deepEqual(doc.token_endpoint_auth_methods_supported, ['none']);
    assert.equal(doc.authorization_response_iss_parameter_supported, true);
  });

  test('oauth4webapi discovers it and accepts the issuer', async () => {
    const oauth = await import('oauth4webapi');
    const issuer = new URL(lab.bridge.issuer);
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true });
    const as = await oauth.processDiscoveryResponse(issuer, response);
    assert.equal(as.token_endpoint, `${lab.bridge.issuer}/token`);
  });
});

const KINDS: UpstreamKind[] = ['trueconf-v3', 'trueconf-v4', 'webex', 'telphin'];

for (const kind of KINDS) {
  describe(`bridged sign-in: ${kind}`, () => {
    let lab: Lab;
    before(async () => {
      lab = await startPair(kind);
    });
    after(() => lab.close());

    test('authorize → vendor → callback → client redirect with code, state and iss', async () => {
      const result = await signIn(lab.bridge);
      assert.equal(result.params.get('iss'), lab.bridge.issuer);
      assert.equal(result.params.has('error'), false);
      // The vendor saw the bridge as the client, with its own callback.
      const vendorAuthorize = new URL(result.hops[1]!);
      assert.equal(vendorAuthorize.origin, lab.vendor.url);
      assert.equal(vendorAuthorize.searchParams.get('client_id'), lab.vendor.client.id);
      assert.equal(vendorAuthorize.searchParams.get('redirect_uri'), lab.bridge.callbackUrl);
      assert.equal(vendorAuthorize.searchParams.has('client_secret'), false);
      if (kind.startsWith('trueconf')) {
        // Exactly what TrueConf's own code sends: no state, scope or PKCE.
        assert.deepEqual([...vendorAuthorize.searchParams.keys()].sort(), ['client_id', 'redirect_uri', 'response_type']);
      }
      if (kind === 'webex') {
        assert.equal(vendorAuthorize.searchParams.get('code_challenge_method'), 'S256');
        assert.ok(vendorAuthorize.searchParams.get('state'));
        assert.ok(vendorAuthorize.searchParams.get('scope'));
      }
      if (kind === 'telphin') assert.equal(vendorAuthorize.searchParams.get('scope'), 'all');
    });

    test('code exchange upstream uses the vendor dialect; the browser gets the vendor access token and a bridge handle', async () => {
      const result = await signIn(lab.bridge);
      const exchange = lab.vendor.requests.filter((r) => r.method === 'POST' && r.params?.grant_type === 'authorization_code').at(-1)!;
      assert.equal(exchange.status, 200);
      const sent = exchange.params!;
      switch (kind) {
        case 'trueconf-v3':
          assert.equal(exchange.contentType, 'application/x-www-form-urlencoded');
          assert.ok(sent.code);
          assert.equal(sent.client_secret, lab.vendor.client.secret);
          break;
        case 'trueconf-v4':
          assert.equal(exchange.contentType, 'application/json');
          assert.ok(sent.auth_code);
          assert.equal(sent.client_secret, lab.vendor.client.secret);
          break;
        case 'webex':
          assert.match(exchange.authorization ?? '', /^Basic /);
          assert.equal(sent.client_secret, undefined);
          assert.ok(sent.code_verifier);
          break;
        case 'telphin':
          assert.equal(sent.scope, 'all');
          assert.equal(sent.client_secret, lab.vendor.client.secret);
          break;
      }
      assert.equal(sent.redirect_uri, lab.bridge.callbackUrl);

      const response = await redeem(lab.bridge, result, PORTAL, { origin: PORTAL.origin });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), PORTAL.origin);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const tokens = await json(response);
      assert.equal(tokens.token_type, 'Bearer');
      assert.ok(lab.vendor.accessTokens.has(tokens.access_token as string), 'the vendor access token is handed over');
      assert.equal(typeof tokens.refresh_token, 'string');
      assert.equal(lab.vendor.refreshTokens.has(tokens.refresh_token as string), false, 'never the vendor refresh token');
      assert.ok((tokens.expires_in as number) > 3500 && (tokens.expires_in as number) <= 3600);
      if (kind.startsWith('trueconf')) assert.equal(tokens.display_name, 'Helen Park');
    });

    test('refresh: upstream refresh, rotated vendor token replaced, new bridge handle, old handle dead', async () => {
      const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
      const before = lab.vendor.requests.filter((r) => r.params?.grant_type === 'refresh_token').length;
      const first = await refresh(lab.bridge, tokens.refresh_token!);
      assert.equal(first.status, 200);
      const renewed = (await first.json()) as Record<string, string>;
      assert.notEqual(renewed.access_token, tokens.access_token);
      assert.ok(lab.vendor.accessTokens.has(renewed.access_token!));
      assert.notEqual(renewed.refresh_token, tokens.refresh_token);
      const upstream = lab.vendor.requests.filter((r) => r.params?.grant_type === 'refresh_token');
      assert.equal(upstream.length, before + 1);
      if (kind === 'telphin') assert.equal(upstream.at(-1)!.params!.scope, 'all');
      if (kind === 'webex') assert.match(upstream.at(-1)!.authorization ?? '', /^Basic /);
      if (kind === 'trueconf-v4') assert.equal(upstream.at(-1)!.contentType, 'application/json');

      // The vendor rotated its refresh token: the bridge must have kept the new one.
      const second = await refresh(lab.bridge, renewed.refresh_token!);
      assert.equal(second.status, 200);
    });

    test('refresh when the vendor does not rotate keeps its refresh token', async () => {
      lab.vendor.settings.rotateRefresh = false;
      try {
        const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
        const one = (await (await refresh(lab.bridge, tokens.refresh_token!)).json()) as Record<string, string>;
        const two = await refresh(lab.bridge, one.refresh_token!);
        assert.equal(two.status, 200);
      } finally {
        lab.vendor.settings.rotateRefresh = true;
      }
    });
  });
}

describe('revocation (RFC 7009)', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('webex');
  });
  after(() => lab.close());

  test('revoking the refresh handle ends the token set; the pass-through refuses its access token', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    const response = await postForm(
      `${lab.bridge.issuer}/revoke`,
      { token: tokens.refresh_token, token_type_hint: 'refresh_token', client_id: PORTAL.clientId },
      { origin: PORTAL.origin },
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), PORTAL.origin);
    const again = await refresh(lab.bridge, tokens.refresh_token!);
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as Record<string, string>).error, 'invalid_grant');
    const api = await fetch(`${lab.bridge.issuer}/api/v1/echo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(api.status, 401);
  });

  test('revoking by access token works too; unknown tokens answer 200', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    const response = await postForm(`${lab.bridge.issuer}/revoke`, { token: tokens.access_token, client_id: PORTAL.clientId });
    assert.equal(response.status, 200);
    assert.equal((await refresh(lab.bridge, tokens.refresh_token!)).status, 400);
    const unknown = await postForm(`${lab.bridge.issuer}/revoke`, { token: 'nothing-like-this', client_id: PORTAL.clientId });
    assert.equal(unknown.status, 200);
  });

  test('a client cannot revoke another client’s tokens', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    const response = await postForm(`${lab.bridge.issuer}/revoke`, { token: tokens.refresh_token, client_id: 'intranet' });
    assert.equal(response.status, 200);
    assert.equal((await refresh(lab.bridge, tokens.refresh_token!)).status, 200);
  });

  test('missing token → invalid_request; unknown client → invalid_client', async () => {
    const missing = await postForm(`${lab.bridge.issuer}/revoke`, { client_id: PORTAL.clientId });
    assert.equal(missing.status, 400);
    assert.equal(((await missing.json()) as Record<string, string>).error, 'invalid_request');
    const stranger = await postForm(`${lab.bridge.issuer}/revoke`, { token: 'x', client_id: 'stranger' });
    assert.equal(stranger.status, 401);
    assert.equal(((await stranger.json()) as Record<string, string>).error, 'invalid_client');
  });
});

describe('API pass-through', () => {
  for (const [kind, path, vendorPath] of [
    ['trueconf-v3', '/api/v3.11/echo', '/api/v3.11/echo'],
    ['webex', '/api/v1/echo', '/v1/echo'],
    ['telphin', '/api/ver1.0/echo', '/api/ver1.0/echo'],
  ] as const) {
    test(`${kind}: bearer forwarded as-is, CORS for the allowed origin, Link exposed, hop-by-hop and cookies dropped`, async () => {
      const lab = await startPair(kind);
      try {
        const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
        const response = await fetch(`${lab.bridge.issuer}${path}?page=2`, {
          headers: { authorization: `Bearer ${tokens.access_token}`, origin: PORTAL.origin, cookie: 'tc_bridge_tx=x' },
        });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('access-control-allow-origin'), PORTAL.origin);
        assert.match(response.headers.get('access-control-expose-headers') ?? '', /\bLink\b/);
        assert.ok(response.headers.get('link'));
        assert.equal(response.headers.get('x-ratelimit-remaining'), '99');
        assert.equal(response.headers.get('set-cookie'), null);
        assert.notEqual(response.headers.get('keep-alive'), 'timeout=5');
        assert.equal(response.headers.get('x-vendor-hop'), null);
        const echo = (await response.json()) as { path: string; query: string; headers: Record<string, string> };
        assert.equal(echo.path, vendorPath);
        assert.equal(echo.query, '?page=2');
        assert.equal(echo.headers.authorization, `Bearer ${tokens.access_token}`);
        assert.equal(echo.headers.cookie, undefined);
        assert.equal(echo.headers.origin, undefined);
      } finally {
        await lab.close();
      }
    });
  }

  test('preflight from an allowed origin lists methods and requested headers', async () => {
    const lab = await startPair('trueconf-v4');
    try {
      const response = await fetch(`${lab.bridge.issuer}/api/v4/conferences`, {
        method: 'OPTIONS',
        headers: { origin: PORTAL.origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), PORTAL.origin);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /PATCH/);
      assert.match(response.headers.get('access-control-allow-headers') ?? '', /authorization/);
    } finally {
      await lab.close();
    }
  });

  test('POST bodies are forwarded', async () => {
    const lab = await startPair('trueconf-v4');
    try {
      const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
      const response = await fetch(`${lab.bridge.issuer}/api/v4/echo`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ topic: 'Встреча' }),
      });
      assert.equal(response.status, 200);
      const echo = (await response.json()) as { body: Record<string, string> };
      assert.deepEqual(echo.body, { topic: 'Встреча' });
    } finally {
      await lab.close();
    }
  });

  test('without passthrough configured, /api is not served', async () => {
    const lab = await startPair('trueconf-v3', { passthrough: false });
    try {
      const response = await fetch(`${lab.bridge.issuer}/api/v3.11/echo`);
      assert.equal(response.status, 404);
    } finally {
      await lab.close();
    }
  });
});

describe('TrueConf 5.5 callback quirk', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('trueconf-v4');
  });
  after(() => lab.close());

  test('credentialed fetch from the TrueConf origin is answered with its CORS, then /&state=null finishes the sign-in', async () => {
    const browser = new Browser();
    const { pkce } = await import('./support/browser.js');
    const verifier = pkce();
    const start = new URL(`${lab.bridge.issuer}/authorize`);
    for (const [k, v] of Object.entries({
      client_id: PORTAL.clientId,
      redirect_uri: PORTAL.redirectUri,
      response_type: 'code',
      state: 'client-state',
      code_challenge: verifier.challenge,
      code_challenge_method: 'S256',
    })) start.searchParams.set(k, v);
    const toVendor = await browser.request(start);
    assert.equal(toVendor.status, 302);
    const setCookie = toVendor.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    // The vendor page would now redirect; 5.5 instead fetches the callback from its own origin.
    const atVendor = await browser.request(toVendor.headers.get('location')!);
    const callback = atVendor.headers.get('location')!;
    assert.ok(callback.startsWith(lab.bridge.callbackUrl));

    const delivered = await browser.request(callback, { headers: { origin: lab.vendor.url } });
    assert.equal(delivered.status, 200);
    assert.equal(delivered.headers.get('access-control-allow-origin'), lab.vendor.url);
    assert.equal(delivered.headers.get('access-control-allow-credentials'), 'true');
    // Delivered twice (the MCP saw this): still only one code exchange.
    await browser.request(callback, { headers: { origin: lab.vendor.url } });

    const finish = await browser.request(`${new URL(lab.bridge.issuer).origin}/&state=null`);
    assert.equal(finish.status, 302);
    const back = new URL(finish.headers.get('location')!);
    assert.equal(back.origin + back.pathname, PORTAL.redirectUri);
    assert.equal(back.searchParams.get('state'), 'client-state');
    assert.equal(back.searchParams.get('iss'), lab.bridge.issuer);
    const exchanges = lab.vendor.requests.filter((r) => r.params?.grant_type === 'authorization_code');
    assert.equal(exchanges.length, 1);
    const tokens = await redeem(lab.bridge, { code: back.searchParams.get('code')!, pkce: verifier });
    assert.equal(tokens.status, 200);
  });

  test('the callback fetch from any other origin gets no CORS', async () => {
    const response = await fetch(`${lab.bridge.callbackUrl}?code=x`, { headers: { origin: 'http://127.0.0.1:6666' } });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.status, 400);
  });

  test('/&state=null without a sign-in in this browser shows an error page', async () => {
    const response = await fetch(`${new URL(lab.bridge.issuer).origin}/&state=null`, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(response.headers.get('location'), null);
  });
});

describe('vendor errors on the callback', () => {
  test('user denies at the vendor → access_denied back at the client, with state and iss', async () => {
    const lab = await startPair('telphin');
    try {
      const browser = new Browser();
      const { pkce } = await import('./support/browser.js');
      const start = new URL(`${lab.bridge.issuer}/authorize`);
      for (const [k, v] of Object.entries({
        client_id: PORTAL.clientId,
        redirect_uri: PORTAL.redirectUri,
        response_type: 'code',
        state: 's1',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      })) start.searchParams.set(k, v);
      const toVendor = await browser.request(start);
      const denied = new URL(toVendor.headers.get('location')!);
      denied.searchParams.set('deny', '1');
      const { url } = await browser.navigate(denied.href, PORTAL.redirectUri);
      assert.equal(url.searchParams.get('error'), 'access_denied');
      assert.equal(url.searchParams.get('state'), 's1');
      assert.equal(url.searchParams.get('iss'), lab.bridge.issuer);
      assert.equal(url.searchParams.has('code'), false);
    } finally {
      await lab.close();
    }
  });

  test('Telphin without state echo: the sign-in is found by the bridge cookie', async () => {
    const lab = await startPair('telphin');
    lab.vendor.settings.echoState = false;
    try {
      const result = await signIn(lab.bridge);
      assert.equal((await redeem(lab.bridge, result)).status, 200);
    } finally {
      await lab.close();
    }
  });
});
