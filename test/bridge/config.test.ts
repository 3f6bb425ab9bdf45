/**
 * Bridge configuration (file, environment, validation) and the `tc-bridge` command: it starts
 * from a file plus an environment secret, prints its URL, serves metadata, and never prints the secret.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BridgeConfigError, loadBridgeConfig, startBridge, validateBridgeConfig, type BridgeConfig } from '../../src/bridge/index.js';

const SECRET = 'env-only-secret-0123456789abcdef';

function base(): BridgeConfig {
  return {
    clients: [{ clientId: 'portal', redirectUris: ['https://portal.example/cb'], allowedOrigins: ['https://portal.example'] }],
    upstream: { kind: 'trueconf-v4', baseUrl: 'https://video.example', clientId: 'app', clientSecret: SECRET },
  };
}

describe('bridge config', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tc-bridge-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a file without the secret plus TC_BRIDGE_UPSTREAM_SECRET', () => {
    const file = join(dir, 'bridge.json');
    const { upstream, ...rest } = base();
    const { clientSecret: _omitted, ...publicUpstream } = upstream;
    writeFileSync(file, JSON.stringify({ ...rest, upstream: publicUpstream, publicUrl: 'https://auth.example/' }));
    const config = loadBridgeConfig({ file, env: { TC_BRIDGE_UPSTREAM_SECRET: SECRET } });
    assert.equal(config.upstream.clientSecret, SECRET);
    assert.equal(config.publicUrl, 'https://auth.example');
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 0 });
    assert.equal(config.codeTtlSeconds, 60);
    assert.equal(config.passthrough, false);
  });

  test('TC_BRIDGE_CONFIG names the file; TC_BRIDGE_* override it', () => {
    const file = join(dir, 'named.json');
    writeFileSync(file, JSON.stringify(base()));
    const config = loadBridgeConfig({
      env: { TC_BRIDGE_CONFIG: file, TC_BRIDGE_PORT: '8787', TC_BRIDGE_PASSTHROUGH: '1', TC_BRIDGE_UPSTREAM_KIND: 'webex' },
    });
    assert.equal(config.listen?.port, 8787);
    assert.equal(config.passthrough, true);
    assert.equal(config.upstream.kind, 'webex');
  });

  test('environment only', () => {
    const config = loadBridgeConfig({
      env: {
        TC_BRIDGE_CLIENT_ID: 'portal',
        TC_BRIDGE_REDIRECT_URIS: 'https://portal.example/cb https://portal.example/popup',
        TC_BRIDGE_ALLOWED_ORIGINS: 'https://portal.example',
        TC_BRIDGE_UPSTREAM_KIND: 'telphin',
        TC_BRIDGE_UPSTREAM_BASE_URL: 'https://apiproxy.telphin.ru',
        TC_BRIDGE_UPSTREAM_CLIENT_ID: 'app',
        TC_BRIDGE_UPSTREAM_SECRET: SECRET,
      },
    });
    assert.deepEqual(config.clients[0]!.redirectUris, ['https://portal.example/cb', 'https://portal.example/popup']);
    assert.equal(config.upstream.kind, 'telphin');
  });

  test('every problem is listed, and the secret is never part of the message', () => {
    const bad = {
      clients: [{ clientId: 'portal', redirectUris: ['http://portal.example/cb', 'https://p.example/cb#frag'], allowedOrigins: ['*', 'https://p.example/'] }],
      upstream: { kind: 'zoom', baseUrl: 'http://video.example', clientId: '', clientSecret: SECRET },
      publicUrl: 'http://auth.example',
      codeTtlSeconds: -1,
    } as unknown as BridgeConfig;
    assert.throws(
      () => validateBridgeConfig(bad),
      (err: unknown) => {
        assert.ok(err instanceof BridgeConfigError);
        for (const part of ['redirectUris', 'fragment', 'allowedOrigins', 'upstream.kind', 'upstream.baseUrl', 'upstream.clientId', 'publicUrl', 'codeTtlSeconds']) {
          assert.match(err.message, new RegExp(part.replace('.', '\\.')), part);
        }
        assert.equal(err.message.includes(SECRET), false);
        return true;
      },
    );
  });

  test('missing secret is refused; plain http only on loopback', () => {
    const noSecret = base();
    delete noSecret.upstream.clientSecret;
    assert.throws(() => validateBridgeConfig(noSecret), /TC_BRIDGE_UPSTREAM_SECRET/);
    const loopback = base();
    loopback.upstream.baseUrl = 'http://127.0.0.1:9000';
    loopback.clients[0]!.redirectUris = ['http://localhost:5173/cb'];
    assert.doesNotThrow(() => validateBridgeConfig(loopback));
  });

  test('startBridge validates too', async () => {
    const config = base();
    config.clients = [];
    await assert.rejects(startBridge(config), BridgeConfigError);
  });

  test('publicUrl with a path prefix: issuer, callback and RFC 8414 metadata location follow it', async () => {
    const bridge = await startBridge({ ...base(), publicUrl: 'http://127.0.0.1:1/bridge' });
    try {
      assert.equal(bridge.issuer, 'http://127.0.0.1:1/bridge');
      assert.equal(bridge.callbackUrl, 'http://127.0.0.1:1/bridge/callback');
      for (const path of ['/.well-known/oauth-authorization-server/bridge', '/bridge/.well-known/oauth-authorization-server']) {
        const response = await fetch(`${bridge.url}${path}`);
        assert.equal(response.status, 200, path);
        assert.equal(((await response.json()) as { token_endpoint: string }).token_endpoint, 'http://127.0.0.1:1/bridge/token');
      }
      // A proxy that strips the prefix and one that keeps it both reach /token.
      for (const path of ['/token', '/bridge/token']) {
        const response = await fetch(`${bridge.url}${path}`, { method: 'POST' });
        assert.equal(response.status, 400, path);
      }
    } finally {
      await bridge.close();
    }
  });
});

describe('tc-bridge command', () => {
  test('starts from --config with the secret from the environment, prints its URL, never the secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-bridge-cli-'));
    const file = join(dir, 'bridge.json');
    const { upstream, ...rest } = base();
    const { clientSecret: _omitted, ...publicUpstream } = upstream;
    writeFileSync(file, JSON.stringify({ ...rest, upstream: publicUpstream }));
    const cli = fileURLToPath(new URL('../../src/bridge/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--config', file], {
      env: { ...process.env, TC_BRIDGE_UPSTREAM_SECRET: SECRET, TC_BRIDGE_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^tc-bridge: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      const meta = await fetch(`${url}/.well-known/oauth-authorization-server`);
      assert.equal(meta.status, 200);
      assert.equal(((await meta.json()) as { issuer: string }).issuer, url);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal((out + err).includes(SECRET), false);
  });

  test('a bad config exits with status 2 and says why', async () => {
    const cli = fileURLToPath(new URL('../../src/bridge/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli], {
      env: { ...process.env, TC_BRIDGE_CONFIG: '', TC_BRIDGE_UPSTREAM_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    assert.equal(code, 2);
    assert.match(err, /clients must list at least one client/);
    assert.equal(err.includes(SECRET), false);
  });
});
