/**
 * The HTTP client against a real node:http server on 127.0.0.1: every behaviour is observed on the
 * wire (what the server received, how often), never through a stubbed fetch.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, findLink, parseLinkHeader, parseRetryAfter } from '../../src/http/index.js';
import type { TokenSource } from '../../src/http/token-source.js';
import { TcError } from '../../src/model/error.js';

interface Seen {
  method: string;
  path: string;
  auth: string | undefined;
  body: string;
  at: number;
}

type Route = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let server: Server;
let base: string;
const routes = new Map<string, Route>();
const seen: Seen[] = [];
/** The token the test server currently accepts on /secure/*. */
let validToken = 'good';
let issued = 0;

const json = (res: ServerResponse, status: number, body: unknown, type = 'application/json', headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(JSON.stringify(body));
};

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const entry: Seen = { method: req.method ?? '', path: url.pathname + url.search, auth: req.headers.authorization, body, at: Date.now() };
      seen.push(entry);
      // Token endpoint of the test "authorization server": each call issues a new token.
      if (url.pathname === '/token') {
        issued += 1;
        validToken = `fresh-${issued}`;
        return json(res, 200, { access_token: validToken });
      }
      if (url.pathname.startsWith('/secure/')) {
        const token = req.headers.authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('access_token');
        if (token !== validToken) return json(res, 401, { error: 'invalid_token' });
      }
      const route = routes.get(url.pathname);
      if (!route) return json(res, 404, { error: 'no route' });
      route(req, res, entry);
    });
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  routes.clear();
  seen.length = 0;
  validToken = 'good';
  issued = 0;
});

/** A token source like the auth session's, but naive: every refresh() call really hits /token. */
function tokenSource(initial: string | undefined): TokenSource & { current: string | undefined; refreshCalls: number } {
  const source = {
    current: initial,
    refreshCalls: 0,
    async getAccessToken() {
      return source.current;
    },
    async refresh(_rejected: string) {
      source.refreshCalls += 1;
      const res = await fetch(`${base}/token`, { method: 'POST' });
      const body = (await res.json()) as { access_token: string };
      source.current = body.access_token;
      return source.current;
    },
  };
  return source;
}

const rejectsWith = async (promise: Promise<unknown>, check: (e: TcError) => void) => {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof TcError, `expected TcError, got ${String(e)}`);
    check(e);
    return true;
  });
};

const apiCalls = (path: string) => seen.filter((s) => s.path.startsWith(path));

describe('http client: requests and bodies', () => {
  it('sends the bearer header and JSON, and parses JSON answers', async () => {
    routes.set('/secure/echo', (req, res, s) => json(res, 200, { got: JSON.parse(s.body), type: req.headers['content-type'] }));
    const client = createHttpClient({ baseUrl: `${base}/`, tokens: tokenSource('good') });
    const data = await client.post<{ got: unknown; type: string }>('/secure/echo', { a: 1, t: 'Ü' });
    assert.deepEqual(data.got, { a: 1, t: 'Ü' });
    assert.equal(data.type, 'application/json');
    assert.equal(seen[0]!.auth, 'Bearer good');
  });

  it('builds query strings and skips undefined values', async () => {
    routes.set('/q', (_req, res, s) => json(res, 200, { path: s.path }));
    const client = createHttpClient({ baseUrl: base });
    const data = await client.get<{ path: string }>('/q', { query: { a: 'x y', b: undefined, c: 2, d: ['1', '2'] } });
    assert.equal(data.path, '/q?a=x+y&c=2&d=1&d=2');
  });

  it('accepts text/json (OpenTalk) and +json types', async () => {
    routes.set('/textjson', (_req, res) => json(res, 200, { ok: 1 }, 'text/json; charset=utf-8'));
    routes.set('/problem', (_req, res) => json(res, 200, { ok: 2 }, 'application/vnd.api+json'));
    const client = createHttpClient({ baseUrl: base });
    assert.deepEqual(await client.get('/textjson'), { ok: 1 });
    assert.deepEqual(await client.get('/problem'), { ok: 2 });
  });

  it('returns undefined for 204 and empty bodies', async () => {
    routes.set('/empty', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const client = createHttpClient({ baseUrl: base });
    assert.equal(await client.delete('/empty'), undefined);
  });

  it('turns an HTML error page on a 500 into a server error with a clear message', async () => {
    routes.set('/html', (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1><hr>nginx</body></html>');
    });
    const client = createHttpClient({ baseUrl: base });
    await rejectsWith(client.get('/html'), (e) => {
      assert.equal(e.kind, 'server');
      assert.equal(e.status, 500);
      assert.equal(e.code, 'html');
      assert.equal(e.message, 'The server had a problem (HTTP 500) and sent an error page instead of data.');
      assert.equal(e.retryable, true);
    });
  });

  it('treats an HTML page sent as 200 (a captive portal, a login redirect) as a protocol error', async () => {
    routes.set('/portal', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('<html><body>Please log in</body></html>');
    });
    await rejectsWith(createHttpClient({ baseUrl: base }).get('/portal'), (e) => {
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /HTML page instead of data \(HTTP 200\)/);
    });
  });

  it('treats garbled JSON and a wrong content type as protocol errors', async () => {
    routes.set('/garbled', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"conferences": [');
    });
    routes.set('/plain', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('{"ok":1}');
    });
    const client = createHttpClient({ baseUrl: base });
    await rejectsWith(client.get('/garbled'), (e) => {
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /unreadable data \(HTTP 200\)/);
    });
    await rejectsWith(client.get('/plain'), (e) => {
      assert.equal(e.kind, 'protocol');
      assert.match(e.message, /text\/plain instead of JSON/);
    });
  });

  it('maps error statuses to kinds and lets the vendor mapper add fields and messages', async () => {
    routes.set('/bad', (_req, res) => json(res, 400, { problems: [{ at: 'topic', say: 'Too long' }] }));
    routes.set('/gone', (_req, res) => json(res, 404, {}));
    routes.set('/boom', (_req, res) => json(res, 502, { oops: true }));
    const client = createHttpClient({
      baseUrl: base,
      mapError: ({ body }) => {
        const problems = (body as { problems?: { at: string; say: string }[] }).problems;
        if (!problems) return undefined;
        return { message: 'Check the form.', fields: Object.fromEntries(problems.map((p) => [p.at === 'topic' ? 'title' : p.at, p.say])), code: 'x' };
      },
    });
    await rejectsWith(client.post('/bad', {}), (e) => {
      assert.equal(e.kind, 'validation');
      assert.equal(e.message, 'Check the form.');
      assert.deepEqual(e.fields, { title: 'Too long' });
      assert.equal(e.code, 'x');
    });
    await rejectsWith(client.get('/gone'), (e) => assert.equal(e.kind, 'not-found'));
    await rejectsWith(client.get('/boom'), (e) => {
      assert.equal(e.kind, 'server');
      assert.equal(e.status, 502);
    });
  });

  it('reports an unreachable server as a network error naming the host', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = createHttpClient({ baseUrl: `http://127.0.0.1:${port}` });
    await rejectsWith(client.get('/x'), (e) => {
      assert.equal(e.kind, 'network');
      assert.equal(e.message, `Cannot reach 127.0.0.1:${port}. Check your connection.`);
    });
  });
});

describe('http client: tokens', () => {
  it('on 401 refreshes once and retries once with the new token', async () => {
    routes.set('/secure/me', (_req, res) => json(res, 200, { me: 'helen' }));
    validToken = 'other';
    const tokens = tokenSource('stale');
    const client = createHttpClient({ baseUrl: base, tokens });
    // The server accepts only the token /token issues next.
    validToken = 'fresh-1';
    assert.deepEqual(await client.get('/secure/me'), { me: 'helen' });
    assert.equal(tokens.refreshCalls, 1);
    assert.deepEqual(
      seen.map((s) => [s.path, s.auth ?? null]),
      [
        ['/secure/me', 'Bearer stale'],
        ['/token', null],
        ['/secure/me', 'Bearer fresh-1'],
      ],
    );
  });

  it('twenty concurrent 401s cause exactly one refresh', async () => {
    routes.set('/secure/item', (_req, res, s) => json(res, 200, { path: s.path }));
    const tokens = tokenSource('stale');
    validToken = 'fresh-1';
    const client = createHttpClient({ baseUrl: base, tokens });
    // Distinct URLs, so request de-duplication plays no part.
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.get<{ path: string }>(`/secure/item?n=${i}`)));
    assert.equal(results.length, 20);
    assert.equal(tokens.refreshCalls, 1);
    assert.equal(apiCalls('/token').length, 1);
    assert.equal(apiCalls('/secure/item').filter((s) => s.auth === 'Bearer fresh-1').length, 20);
  });

  it('gives up with an auth error when the refreshed token is rejected too (no loop)', async () => {
    routes.set('/secure/me', (_req, res) => json(res, 200, {}));
    validToken = 'never-issued';
    let refreshCalls = 0;
    const client = createHttpClient({
      baseUrl: base,
      tokens: {
        getAccessToken: async () => 'stale',
        refresh: async () => {
          refreshCalls += 1;
          return 'also-rejected';
        },
      },
    });
    await rejectsWith(client.get('/secure/me'), (e) => {
      assert.equal(e.kind, 'auth');
      assert.equal(e.status, 401);
    });
    assert.deepEqual(apiCalls('/secure/me').map((s) => s.auth), ['Bearer stale', 'Bearer also-rejected']);
    assert.equal(refreshCalls, 1);
  });

  it('gives an auth error when the session cannot refresh (signed out)', async () => {
    routes.set('/secure/me', (_req, res) => json(res, 200, {}));
    validToken = 'x';
    const client = createHttpClient({
      baseUrl: base,
      tokens: { getAccessToken: async () => 'stale', refresh: async () => undefined },
    });
    await rejectsWith(client.get('/secure/me'), (e) => assert.equal(e.kind, 'auth'));
    assert.equal(apiCalls('/secure/me').length, 1);
  });

  it('a vendor hook can make a 403 count as a rejected token (TrueConf v3 accessTokenInvalid)', async () => {
    let calls = 0;
    routes.set('/v3/thing', (req, res) => {
      calls += 1;
      if (req.headers.authorization !== 'Bearer fresh-1') {
        return json(res, 403, { error: { code: 403, errors: [{ reason: 'accessTokenInvalid' }] } });
      }
      json(res, 200, { ok: true });
    });
    const tokens = tokenSource('stale');
    const client = createHttpClient({
      baseUrl: base,
      tokens,
      isTokenRejected: ({ status, body }) =>
        status === 401 ||
        (status === 403 && JSON.stringify(body).includes('"accessTokenInvalid"')),
    });
    assert.deepEqual(await client.get('/v3/thing'), { ok: true });
    assert.equal(calls, 2);
    assert.equal(tokens.refreshCalls, 1);
  });

  it('refuses to call an authenticated endpoint when signed out, without a request', async () => {
    const client = createHttpClient({ baseUrl: base, tokens: tokenSource(undefined) });
    await rejectsWith(client.get('/secure/me'), (e) => assert.equal(e.kind, 'auth'));
    assert.equal(seen.length, 0);
  });

  it('never sends the token to another origin', async () => {
    const client = createHttpClient({ baseUrl: base, tokens: tokenSource('good') });
    await rejectsWith(client.get('https://elsewhere.example/x'), (e) => assert.equal(e.kind, 'config'));
    assert.equal(seen.length, 0);
  });

  it('puts the token in the query only when asked, and only over https or loopback', async () => {
    routes.set('/secure/q', (_req, res, s) => json(res, 200, { path: s.path }));
    const client = createHttpClient({ baseUrl: base, tokens: tokenSource('good'), tokenIn: 'query' });
    const data = await client.get<{ path: string }>('/secure/q', { query: { a: 1 } });
    assert.equal(data.path, '/secure/q?a=1&access_token=good');
    assert.equal(seen[0]!.auth, undefined);

    const remote = createHttpClient({ baseUrl: 'http://tc.example.invalid/api', tokens: tokenSource('good'), tokenIn: 'query' });
    await rejectsWith(remote.get('/conferences'), (e) => {
      assert.equal(e.kind, 'config');
      assert.match(e.message, /plain-http/);
    });
  });
});

describe('http client: Retry-After', () => {
  it('waits a short Retry-After (seconds) and retries once', async () => {
    let calls = 0;
    routes.set('/busy', (_req, res) => {
      calls += 1;
      if (calls === 1) return json(res, 429, { error: 'slow down' }, 'application/json', { 'retry-after': '1' });
      json(res, 200, { ok: true });
    });
    const client = createHttpClient({ baseUrl: base });
    assert.deepEqual(await client.get('/busy'), { ok: true });
    assert.equal(calls, 2);
    assert.ok(seen[1]!.at - seen[0]!.at >= 900, 'the retry came after the announced delay');
  });

  it('honours an HTTP-date Retry-After on 503', async () => {
    let calls = 0;
    routes.set('/maint', (_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(503, { 'content-type': 'text/html', 'retry-after': new Date(Date.now() + 1000).toUTCString() });
        return res.end('<html>maintenance</html>');
      }
      json(res, 200, { ok: true });
    });
    assert.deepEqual(await createHttpClient({ baseUrl: base }).get('/maint'), { ok: true });
    assert.equal(calls, 2);
  });

  it('does not wait beyond the cap: rate-limited with retryAfter', async () => {
    routes.set('/busy', (_req, res) => json(res, 429, {}, 'application/json', { 'retry-after': '120' }));
    const client = createHttpClient({ baseUrl: base, maxRetryAfterSeconds: 5 });
    await rejectsWith(client.get('/busy'), (e) => {
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfter, 120);
      assert.equal(e.status, 429);
    });
    assert.equal(apiCalls('/busy').length, 1);
  });

  it('retries only once even if the server keeps asking', async () => {
    routes.set('/busy', (_req, res) => json(res, 429, {}, 'application/json', { 'retry-after': '0' }));
    await rejectsWith(createHttpClient({ baseUrl: base }).get('/busy'), (e) => assert.equal(e.kind, 'rate-limited'));
    assert.equal(apiCalls('/busy').length, 2);
  });

  it('a 429 without Retry-After is rate-limited at once', async () => {
    routes.set('/busy', (_req, res) => json(res, 429, {}));
    await rejectsWith(createHttpClient({ baseUrl: base }).get('/busy'), (e) => {
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfter, undefined);
    });
    assert.equal(apiCalls('/busy').length, 1);
  });
});

describe('http client: time-outs, cancellation, sharing', () => {
  it('times out a server that does not answer', async () => {
    routes.set('/hang', () => undefined);
    const client = createHttpClient({ baseUrl: base, timeoutMs: 200 });
    await rejectsWith(client.get('/hang'), (e) => {
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /did not answer within/);
    });
  });

  it('times out a body that never finishes', async () => {
    routes.set('/trickle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
    });
    await rejectsWith(createHttpClient({ baseUrl: base, timeoutMs: 300 }).get('/trickle'), (e) => assert.equal(e.kind, 'timeout'));
  });

  it('passes an AbortSignal through: aborted, not timeout or network', async () => {
    routes.set('/hang', () => undefined);
    const client = createHttpClient({ baseUrl: base });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(client.post('/hang', {}, { signal: controller.signal }), (e) => assert.equal(e.kind, 'aborted'));
    await rejectsWith(client.get('/hang', { signal: AbortSignal.abort() }), (e) => assert.equal(e.kind, 'aborted'));
  });

  it('shares identical in-flight GETs (same URL, same token)', async () => {
    let calls = 0;
    routes.set('/secure/list', (_req, res) => {
      calls += 1;
      setTimeout(() => json(res, 200, { items: [1, 2, 3] }), 100);
    });
    const client = createHttpClient({ baseUrl: base, tokens: tokenSource('good') });
    const all = await Promise.all(Array.from({ length: 5 }, () => client.get('/secure/list')));
    assert.equal(calls, 1);
    for (const r of all) assert.deepEqual(r, { items: [1, 2, 3] });
    // Once settled, the next call is a new request.
    await client.get('/secure/list');
    assert.equal(calls, 2);
  });

  it('does not share GETs made with different tokens, nor POSTs', async () => {
    let calls = 0;
    routes.set('/list', (_req, res) => {
      calls += 1;
      setTimeout(() => json(res, 200, { ok: true }), 50);
    });
    const a = createHttpClient({ baseUrl: base, tokens: tokenSource('a') });
    const b = createHttpClient({ baseUrl: base, tokens: tokenSource('b') });
    await Promise.all([a.get('/list'), a.get('/list'), b.get('/list')]);
    assert.equal(calls, 2);
    calls = 0;
    await Promise.all([a.post('/list', {}), a.post('/list', {})]);
    assert.equal(calls, 2);
  });

  it('one caller aborting a shared GET does not cancel it for the others', async () => {
    let calls = 0;
    routes.set('/slow', (_req, res) => {
      calls += 1;
      setTimeout(() => json(res, 200, { ok: true }), 150);
    });
    const client = createHttpClient({ baseUrl: base });
    const controller = new AbortController();
    const first = client.get('/slow', { signal: controller.signal });
    const second = client.get('/slow');
    setTimeout(() => controller.abort(), 30);
    await rejectsWith(first, (e) => assert.equal(e.kind, 'aborted'));
    assert.deepEqual(await second, { ok: true });
    assert.equal(calls, 1);
  });
});

describe('http helpers', () => {
  it('parses Link headers', () => {
    const header = '<https://api.example/items?page=2&x=a,b>; rel="next", </items?page=9>; rel="last"; title="Last, really"';
    const links = parseLinkHeader(header, 'https://api.example/items?page=1');
    assert.deepEqual(links.map((l) => [l.url, l.rel]), [
      ['https://api.example/items?page=2&x=a,b', ['next']],
      ['https://api.example/items?page=9', ['last']],
    ]);
    assert.equal(links[1]!.params.title, 'Last, really');
    assert.equal(findLink(header, 'next'), 'https://api.example/items?page=2&x=a,b');
    assert.equal(findLink(header, 'prev'), undefined);
    assert.deepEqual(parseLinkHeader(null), []);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter('Tue, 01 Jan 2030 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Mon, 31 Dec 2029 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
