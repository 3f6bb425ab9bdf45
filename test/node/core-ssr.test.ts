import { test } from 'node:test';
import assert from 'node:assert/strict';

test('tc-widgets/core imports in Node with no DOM and registers nothing', async () => {
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  assert.equal(typeof (globalThis as { customElements?: unknown }).customElements, 'undefined');
  const core = await import('../../src/core.js');
  assert.equal(typeof core.parseSessionConfig, 'function');
  assert.equal(typeof core.createHttpClient, 'function');
  assert.equal(typeof core.AuthSession, 'function');
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined', 'importing core defined window');
  const result = core.parseSessionConfig({ provider: 'trueconf', clientId: 'x', server: 'https://a.test', issuer: 'https://b.test' });
  assert.equal(result.ok, true);
});
