/**
 * Attacks on the bridge, each of which must be refused with a proper OAuth error (or, where the
 * redirect URI cannot be trusted, an error page and no redirect at all).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Browser,
  EVIL_ORIGIN,
  OTHER,
  PORTAL,
  authorizeUrl,
  pkce,
  postForm,
  redeem,
  refresh,
  signIn,
  startPair,
  type Lab,
} from './support/browser.js';

async function oauthError(response: Response, status: number, error: string): Promise<Record<string, string>> {
  assert.equal(response.status, status, `HTTP status for ${error}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as Record<string, string>;
  assert.equal(body.error, error);
  assert.equal(typeof body.error_description, 'string');
  return body;
}

function validAuthorize(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    client_id: PORTAL.clientId,
    redirect_uri: PORTAL.redirectUri,
    response_type: 'code',
    state: 'st-123',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

/** An error page: HTML, no Location, so nothing is sent to an unverified URI. */
async function assertErrorPage(response: Response): Promise<string> {
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('location'), null);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  return response.text();
}

/** A redirect back to the registered client with an error, the state and the issuer. */
function assertErrorRedirect(response: Response, lab: Lab, error: string): URL {
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get('location')!);
  assert.equal(location.origin + location.pathname, PORTAL.redirectUri);
  assert.equal(location.searchParams.get('error'), error);
  assert.equal(location.searchParams.get('state'), 'st-123');
  assert.equal(location.searchParams.get('iss'), lab.bridge.issuer);
  assert.equal(location.searchParams.has('code'), false);
  return location;
}

describe('bridge security: /authorize', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('trueconf-v3');
  });
  after(() => lab.close());

  const get = (params: Record<string, string | undefined>): Promise<Response> =>
    fetch(authorizeUrl(lab.bridge, params), { redirect: 'manual' });

  test('unknown client: error page, no redirect', async () => {
    await assertErrorPage(await get(validAuthorize({ client_id: 'stranger' })));
    await assertErrorPage(await get(validAuthorize({ client_id: undefined })));
  });

  test('unregistered redirect_uri: error page, no redirect', async () => {
    const page = await assertErrorPage(await get(validAuthorize({ redirect_uri: 'https://attacker.example/cb' })));
    assert.doesNotMatch(page, /attacker/);
  });

  test('near-miss redirect_uri (trailing slash, other port, added query, case, scheme, path) refused', async () => {
    const nearMisses = [
      `${PORTAL.redirectUri}/`,
      PORTAL.redirectUri.replace(':5173', ':5174'),
      `${PORTAL.redirectUri}?next=https://attacker.example`,
      `${PORTAL.redirectUri}#x`,
      PORTAL.redirectUri.replace('/app/callback', '/APP/callback'),
      PORTAL.redirectUri.replace('http:', 'https:'),
      PORTAL.redirectUri.replace('127.0.0.1', 'localhost'),
      PORTAL.redirectUri.replace('/app/callback', '/app/callback/../callback'),
      OTHER.redirectUri, // registered, but for another client
    ];
    for (const redirectUri of nearMisses) {
      const response = await get(validAuthorize({ redirect_uri: redirectUri }));
      assert.equal(response.status, 400, redirectUri);
      assert.equal(response.headers.get('location'), null, redirectUri);
    }
  });

  test('client_id or redirect_uri sent twice: error page', async () => {
    const url = new URL(authorizeUrl(lab.bridge, validAuthorize()));
    url.searchParams.append('redirect_uri', 'https://attacker.example/cb');
    await assertErrorPage(await fetch(url, { redirect: 'manual' }));
  });

  test('missing PKCE → invalid_request at the client', async () => {
    assertErrorRedirect(await get(validAuthorize({ code_challenge: undefined, code_challenge_method: undefined })), lab, 'invalid_request');
  });

  test('PKCE method plain (explicit or implied) → invalid_request', async () => {
    assertErrorRedirect(await get(validAuthorize({ code_challenge_method: 'plain' })), lab, 'invalid_request');
    assertErrorRedirect(await get(validAuthorize({ code_challenge_method: undefined })), lab, 'invalid_request');
    assertErrorRedirect(await get(validAuthorize({ code_challenge: 'too-short' })), lab, 'invalid_request');
  });

  test('response_type other than code → unsupported_response_type', async () => {
    assertErrorRedirect(await get(validAuthorize({ response_type: 'token' })), lab, 'unsupported_response_type');
  });

  test('nothing reaches the vendor for a refused request', async () => {
    const before = lab.vendor.requests.length;
    await get(validAuthorize({ code_challenge_method: 'plain' }));
    await get(validAuthorize({ client_id: 'stranger' }));
    assert.equal(lab.vendor.requests.length, before);
  });
});

describe('bridge security: /callback', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('webex');
  });
  after(() => lab.close());

  test('forged state (not one of the bridge’s): error page, no code minted, no exchange', async () => {
    const before = lab.vendor.requests.length;
    const response = await fetch(`${lab.bridge.callbackUrl}?code=stolen&state=forged`, { redirect: 'manual' });
    await assertErrorPage(response);
    assert.equal(lab.vendor.requests.length, before);
  });

  test('TrueConf callback without the bridge cookie (another browser): error page', async () => {
    const tc = await startPair('trueconf-v4');
    try {
      const browser = new Browser();
      const toVendor = await browser.request(authorizeUrl(tc.bridge, validAuthorize()));
      const callback = (await browser.request(toVendor.headers.get('location')!)).headers.get('location')!;
      // The attacker replays the callback URL from their own browser: no cookie, no sign-in.
      await assertErrorPage(await fetch(callback, { redirect: 'manual' }));
      assert.equal(tc.vendor.requests.filter((r) => r.params?.grant_type === 'authorization_code').length, 0);
    } finally {
      await tc.close();
    }
  });
});

describe('bridge security: /token', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('trueconf-v3', { codeTtlSeconds: 0.3 });
  });
  after(() => lab.close());

  const exchanges = (): number => lab.vendor.requests.filter((r) => r.params?.grant_type === 'authorization_code').length;

  test('wrong code_verifier → invalid_grant, and the code is spent', async () => {
    const result = await signIn(lab.bridge);
    const wrong = await redeem(lab.bridge, { code: result.code, pkce: pkce() });
    await oauthError(wrong, 400, 'invalid_grant');
    await oauthError(await redeem(lab.bridge, result), 400, 'invalid_grant');
  });

  test('missing code_verifier → invalid_request', async () => {
    const result = await signIn(lab.bridge);
    const response = await postForm(`${lab.bridge.issuer}/token`, {
      grant_type: 'authorization_code',
      code: result.code,
      redirect_uri: PORTAL.redirectUri,
      client_id: PORTAL.clientId,
    });
    await oauthError(response, 400, 'invalid_request');
  });

  test('code reuse → invalid_grant, no second token set, and the first one is revoked', async () => {
    const result = await signIn(lab.bridge);
    const exchangesBefore = exchanges();
    const first = await redeem(lab.bridge, result);
    assert.equal(first.status, 200);
    const tokens = (await first.json()) as Record<string, string>;
    await oauthError(await redeem(lab.bridge, result), 400, 'invalid_grant');
    // No second exchange at the vendor, no second token set…
    assert.equal(exchanges(), exchangesBefore);
    // …and what the first redemption released is dead: refresh and pass-through refuse it.
    await oauthError(await refresh(lab.bridge, tokens.refresh_token!), 400, 'invalid_grant');
    const api = await fetch(`${lab.bridge.issuer}/api/v3.11/echo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(api.status, 401);
  });

  test('concurrent redemption of one code: exactly one succeeds', async () => {
    const result = await signIn(lab.bridge);
    const answers = await Promise.all([redeem(lab.bridge, result), redeem(lab.bridge, result), redeem(lab.bridge, result)]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 400, 400]);
  });

  test('expired code → invalid_grant', async () => {
    const result = await signIn(lab.bridge);
    await new Promise((resolve) => setTimeout(resolve, 450));
    await oauthError(await redeem(lab.bridge, result), 400, 'invalid_grant');
  });

  test('code bound to another client → invalid_grant', async () => {
    const result = await signIn(lab.bridge, PORTAL);
    // The other client presents the code with the right verifier and its own redirect URI…
    await oauthError(await redeem(lab.bridge, result, OTHER), 400, 'invalid_grant');
    // …or even with the first client's redirect URI.
    const second = await signIn(lab.bridge, PORTAL);
    const response = await postForm(`${lab.bridge.issuer}/token`, {
      grant_type: 'authorization_code',
      code: second.code,
      code_verifier: second.pkce.verifier,
      redirect_uri: PORTAL.redirectUri,
      client_id: OTHER.clientId,
    });
    await oauthError(response, 400, 'invalid_grant');
  });

  test('redirect_uri differing from the authorization request → invalid_grant', async () => {
    const result = await signIn(lab.bridge);
    const response = await postForm(`${lab.bridge.issuer}/token`, {
      grant_type: 'authorization_code',
      code: result.code,
      code_verifier: result.pkce.verifier,
      redirect_uri: `${PORTAL.redirectUri}/`,
      client_id: PORTAL.clientId,
    });
    await oauthError(response, 400, 'invalid_grant');
  });

  test('unknown client → invalid_client (401); credentials sent → invalid_client', async () => {
    const result = await signIn(lab.bridge);
    await oauthError(await redeem(lab.bridge, result, { clientId: 'stranger', redirectUri: PORTAL.redirectUri }), 401, 'invalid_client');
    const basic = await postForm(
      `${lab.bridge.issuer}/token`,
      { grant_type: 'authorization_code', code: result.code, client_id: PORTAL.clientId },
      { authorization: `Basic ${Buffer.from(`${PORTAL.clientId}:guess`).toString('base64')}` },
    );
    await oauthError(basic, 401, 'invalid_client');
  });

  test('refresh by another client → invalid_grant (the owner can still refresh)', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    await oauthError(await refresh(lab.bridge, tokens.refresh_token!, OTHER.clientId), 400, 'invalid_grant');
    assert.equal((await refresh(lab.bridge, tokens.refresh_token!, PORTAL.clientId)).status, 200);
  });

  test('replayed (rotated) refresh handle → invalid_grant and the whole token set is revoked', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    const renewed = (await (await refresh(lab.bridge, tokens.refresh_token!)).json()) as Record<string, string>;
    await oauthError(await refresh(lab.bridge, tokens.refresh_token!), 400, 'invalid_grant');
    await oauthError(await refresh(lab.bridge, renewed.refresh_token!), 400, 'invalid_grant');
  });

  test('two refreshes racing with the same handle share one upstream refresh', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    const before = lab.vendor.requests.filter((r) => r.params?.grant_type === 'refresh_token').length;
    const [a, b] = await Promise.all([refresh(lab.bridge, tokens.refresh_token!), refresh(lab.bridge, tokens.refresh_token!)]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    const [ta, tb] = (await Promise.all([a.json(), b.json()])) as Array<Record<string, string>>;
    assert.equal(ta!.refresh_token, tb!.refresh_token);
    assert.equal(lab.vendor.requests.filter((r) => r.params?.grant_type === 'refresh_token').length, before + 1);
  });

  test('unknown refresh handle, the vendor’s own refresh token, garbage → invalid_grant', async () => {
    await oauthError(await refresh(lab.bridge, 'made-up'), 400, 'invalid_grant');
    const [vendorRefresh] = lab.vendor.refreshTokens;
    await oauthError(await refresh(lab.bridge, vendorRefresh!), 400, 'invalid_grant');
  });

  test('malformed requests: JSON body, duplicate parameter, unknown grant, missing grant', async () => {
    const json = await fetch(`${lab.bridge.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', client_id: PORTAL.clientId, refresh_token: 'x' }),
    });
    await oauthError(json, 400, 'invalid_request');
    const dup = await fetch(`${lab.bridge.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&client_id=${PORTAL.clientId}&client_id=${OTHER.clientId}&refresh_token=x`,
    });
    await oauthError(dup, 400, 'invalid_request');
    await oauthError(
      await postForm(`${lab.bridge.issuer}/token`, { grant_type: 'password', client_id: PORTAL.clientId, username: 'helen', password: 'helen' }),
      400,
      'unsupported_grant_type',
    );
    await oauthError(await postForm(`${lab.bridge.issuer}/token`, { client_id: PORTAL.clientId }), 400, 'invalid_request');
    const get = await fetch(`${lab.bridge.issuer}/token`);
    assert.equal(get.status, 405);
  });
});

describe('bridge security: CORS', () => {
  let lab: Lab;
  before(async () => {
    lab = await startPair('webex');
  });
  after(() => lab.close());

  test('token request from an unlisted origin: no ACAO header, refused before the code is spent', async () => {
    const result = await signIn(lab.bridge);
    const evil = await redeem(lab.bridge, result, PORTAL, { origin: EVIL_ORIGIN });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    await oauthError(evil, 403, 'invalid_request');
    const good = await redeem(lab.bridge, result, PORTAL, { origin: PORTAL.origin });
    assert.equal(good.status, 200);
    assert.equal(good.headers.get('access-control-allow-origin'), PORTAL.origin);
  });

  test('an origin listed for another client gets no ACAO for this client', async () => {
    const result = await signIn(lab.bridge);
    const response = await redeem(lab.bridge, result, PORTAL, { origin: OTHER.origin });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.status, 403);
  });

  test('preflights and metadata: unlisted origin gets nothing, never a wildcard', async () => {
    for (const path of ['/token', '/revoke', '/api/v1/echo', '/.well-known/oauth-authorization-server']) {
      const preflight = await fetch(`${lab.bridge.issuer}${path}`, {
        method: 'OPTIONS',
        headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, path);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null, path);
      const allowed = await fetch(`${lab.bridge.issuer}${path}`, {
        method: 'OPTIONS',
        headers: { origin: PORTAL.origin, 'access-control-request-method': 'POST' },
      });
      assert.equal(allowed.headers.get('access-control-allow-origin'), PORTAL.origin, path);
    }
    const meta = await fetch(`${lab.bridge.issuer}/.well-known/oauth-authorization-server`, { headers: { origin: EVIL_ORIGIN } });
    assert.equal(meta.headers.get('access-control-allow-origin'), null);
  });

  test('pass-through from an unlisted origin is refused without reaching the vendor', async () => {
    const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
    const before = lab.vendor.requests.length;
    const response = await fetch(`${lab.bridge.issuer}/api/v1/echo`, {
      headers: { origin: EVIL_ORIGIN, authorization: `Bearer ${tokens.access_token}` },
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(lab.vendor.requests.length, before);
  });

  test('pass-through cannot climb out of the vendor API base', async () => {
    const tc = await startPair('trueconf-v3');
    try {
      for (const path of ['/api/%2e%2e/oauth2/v1/token', '/api/v3.11%2F..%2F..%2Foauth2/v1/token', '/api/..%5coauth2']) {
        const response = await fetch(`${tc.bridge.issuer}${path}`, { method: 'POST' });
        assert.notEqual(response.status, 200, path);
      }
      assert.equal(tc.vendor.requests.filter((r) => r.path.includes('oauth2')).length, 0);
    } finally {
      await tc.close();
    }
  });
});

describe('bridge security: upstream failures become clean OAuth errors', () => {
  test('HTML 502 page at the code exchange → temporarily_unavailable at the client, no HTML relayed', async () => {
    const lab = await startPair('trueconf-v3');
    lab.vendor.settings.tokenAnswer = 'html-502';
    try {
      const browser = new Browser();
      const { url } = await browser.navigate(authorizeUrl(lab.bridge, validAuthorize()), PORTAL.redirectUri);
      assert.equal(url.searchParams.get('error'), 'temporarily_unavailable');
      assert.equal(url.searchParams.get('state'), 'st-123');
      assert.equal(url.searchParams.get('iss'), lab.bridge.issuer);
      assert.doesNotMatch(url.href, /nginx|html|Bad%20Gateway/i);
    } finally {
      await lab.close();
    }
  });

  test('HTML 400 page at the code exchange → server_error', async () => {
    const lab = await startPair('trueconf-v4');
    lab.vendor.settings.tokenAnswer = 'html-400';
    try {
      const { url } = await new Browser().navigate(authorizeUrl(lab.bridge, validAuthorize()), PORTAL.redirectUri);
      assert.equal(url.searchParams.get('error'), 'server_error');
    } finally {
      await lab.close();
    }
  });

  for (const kind of ['trueconf-v3', 'trueconf-v4', 'webex', 'telphin'] as const) {
    test(`${kind}: HTML error page on refresh → JSON temporarily_unavailable, handle still usable afterwards`, async () => {
      const lab = await startPair(kind);
      try {
        const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
        lab.vendor.settings.refreshAnswer = 'html-502';
        const failed = await refresh(lab.bridge, tokens.refresh_token!);
        const text = await failed.clone().text();
        assert.doesNotMatch(text, /</);
        await oauthError(failed, 503, 'temporarily_unavailable');
        lab.vendor.settings.refreshAnswer = 'json-500';
        const failedJson = await refresh(lab.bridge, tokens.refresh_token!);
        assert.doesNotMatch(await failedJson.clone().text(), /secret\.js|trace/);
        await oauthError(failedJson, 503, 'temporarily_unavailable');
        lab.vendor.settings.refreshAnswer = 'ok';
        assert.equal((await refresh(lab.bridge, tokens.refresh_token!)).status, 200);
      } finally {
        await lab.close();
      }
    });

    test(`${kind}: vendor invalid_grant on refresh → invalid_grant and the set is gone`, async () => {
      const lab = await startPair(kind);
      try {
        const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
        lab.vendor.settings.refreshAnswer = 'invalid_grant';
        await oauthError(await refresh(lab.bridge, tokens.refresh_token!), 400, 'invalid_grant');
        lab.vendor.settings.refreshAnswer = 'ok';
        await oauthError(await refresh(lab.bridge, tokens.refresh_token!), 400, 'invalid_grant');
      } finally {
        await lab.close();
      }
    });
  }

  test('vendor unreachable → temporarily_unavailable', async () => {
    const lab = await startPair('telphin');
    try {
      const tokens = (await (await redeem(lab.bridge, await signIn(lab.bridge))).json()) as Record<string, string>;
      await lab.vendor.close();
      await oauthError(await refresh(lab.bridge, tokens.refresh_token!), 503, 'temporarily_unavailable');
    } finally {
      await lab.bridge.close();
    }
  });

  test('a wrong bridge secret at the vendor → server_error, the secret never echoed', async () => {
    const lab = await startPair('webex');
    const real = lab.vendor.client.secret;
    lab.vendor.client.secret = 'rotated-by-admin';
    try {
      const { url } = await new Browser().navigate(authorizeUrl(lab.bridge, validAuthorize()), PORTAL.redirectUri);
      assert.equal(url.searchParams.get('error'), 'server_error');
      assert.doesNotMatch(url.href, new RegExp(real));
    } finally {
      await lab.close();
    }
  });
});

describe('bridge security: no secret in any response or log line', () => {
  for (const kind of ['trueconf-v3', 'trueconf-v4', 'webex', 'telphin'] as const) {
    test(kind, async () => {
      const lab = await startPair(kind);
      const seen: string[] = [];
      const record = async (response: Response): Promise<Response> => {
        seen.push(JSON.stringify([...response.headers]), await response.clone().text());
        return response;
      };
      try {
        const browser = new Browser();
        const original = browser.request.bind(browser);
        browser.request = async (url, init) => record(await original(url, init));
        const result = await signIn(lab.bridge, PORTAL, browser);
        const tokens = (await (await record(await redeem(lab.bridge, result))).json()) as Record<string, string>;
        await record(await refresh(lab.bridge, tokens.refresh_token!));
        lab.vendor.settings.refreshAnswer = 'html-502';
        await record(await refresh(lab.bridge, tokens.refresh_token!));
        await record(await fetch(`${lab.bridge.issuer}/.well-known/oauth-authorization-server`));
        const everything = seen.join('\n') + '\n' + lab.logs.join('\n');
        assert.ok(lab.logs.length > 0, 'the bridge logged something');
        assert.equal(everything.includes(lab.vendor.client.secret), false, 'client secret leaked');
        assert.equal(everything.includes(Buffer.from(`${lab.vendor.client.id}:${lab.vendor.client.secret}`).toString('base64')), false);
        for (const vendorRefresh of lab.vendor.refreshTokens) assert.equal(everything.includes(vendorRefresh), false, 'vendor refresh token leaked');
        for (const line of lab.logs) assert.equal(line.includes(tokens.access_token!), false, 'access token logged');
        for (const line of lab.logs) assert.equal(line.includes(result.code), false, 'code logged');
        for (const entry of lab.bridge.requests) assert.equal(entry.path.includes('code='), false);
      } finally {
        await lab.close();
      }
    });
  }
});
