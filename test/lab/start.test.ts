import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLab, type Lab } from '../../demo/lab/start.js';

const PAGE = 'http://127.0.0.1:5999/demo/index.html';
let lab: Lab;

before(async () => {
  lab = await startLab({ quiet: true, redirectUris: [PAGE] });
});
after(async () => {
  await lab?.close();
});

test('describe() names every service and holds no secret', () => {
  const d = lab.describe();
  const text = JSON.stringify(d);
  for (const secret of [lab.trueconf.client.secret, lab.webex.client.secret, lab.telphin.client.secret]) {
    assert.ok(secret.length >= 16);
    assert.ok(!text.includes(secret), 'a vendor secret leaked into the lab description');
  }
  assert.match(d.opentalk.issuer, /\/auth\/realms\/opentalk$/);
  assert.deepEqual(Object.keys(d.bridges).sort(), ['telphin', 'trueconf', 'trueconfV4', 'webex']);
  assert.deepEqual(d.users.map((u) => u.login), ['helen', 'dean', 'kevin']);
});

test('each bridge serves metadata, allows the page origin, and is registered at its vendor', async () => {
  for (const [name, bridge] of Object.entries(lab.bridges)) {
    const res = await fetch(`${bridge.url}/.well-known/oauth-authorization-server`, {
      headers: { origin: 'http://127.0.0.1:5999' },
    });
    assert.equal(res.status, 200, name);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5999', name);
    const meta = (await res.json()) as { issuer: string; code_challenge_methods_supported: string[] };
    assert.equal(meta.issuer, bridge.issuer, name);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256'], name);
  }
  assert.ok(lab.trueconf.client.redirectUris.includes(lab.bridges.trueconf.callbackUrl));
  assert.ok(lab.trueconf.client.redirectUris.includes(lab.bridges.trueconfV4.callbackUrl));
  assert.ok(lab.webex.client.redirectUris.includes(lab.bridges.webex.callbackUrl));
  assert.ok(lab.telphin.client.redirectUris.includes(lab.bridges.telphin.callbackUrl));
});

test('the realm publishes OIDC discovery and the page is a registered redirect URI', async () => {
  const res = await fetch(`${lab.describe().opentalk.issuer}/.well-known/openid-configuration`);
  assert.equal(res.status, 200);
  const meta = (await res.json()) as { issuer: string; authorization_response_iss_parameter_supported?: boolean };
  assert.equal(meta.issuer, lab.describe().opentalk.issuer);
  assert.ok(lab.opentalk.client.redirectUris.includes(PAGE));
});

test('TrueConf still sends no CORS headers; the bridge pass-through does for the page origin', async () => {
  const direct = await fetch(`${lab.trueconf.url}/api/v3.11/conferences`, { headers: { origin: 'http://127.0.0.1:5999' } });
  assert.equal(direct.status, 403);
  assert.equal(direct.headers.get('access-control-allow-origin'), null);
  const proxied = await fetch(`${lab.bridges.trueconf.url}/api/v3.11/conferences`, {
    headers: { origin: 'http://127.0.0.1:5999' },
  });
  assert.equal(proxied.status, 403, 'the vendor answer is passed through');
  assert.equal(proxied.headers.get('access-control-allow-origin'), 'http://127.0.0.1:5999');
});

test('command() flips settings and reads request logs', async () => {
  await lab.command({ action: 'clear-requests', service: 'trueconf' });
  await lab.command({ action: 'settings', service: 'trueconf', settings: { cors: '*' } });
  const res = await fetch(`${lab.trueconf.url}/api/v4/server`, { headers: { origin: 'http://x.test' } });
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  await lab.command({ action: 'settings', service: 'trueconf', settings: { cors: 'off' } });
  const log = (await lab.command({ action: 'requests', service: 'trueconf' })) as { path: string }[];
  assert.deepEqual(log.map((r) => r.path), ['/api/v4/server']);
  await assert.rejects(lab.command({ action: 'settings', service: 'nope' }), /unknown lab service/);
});
