import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface Declaration {
  tagName?: string;
  attributes?: { name: string; description?: string }[];
  events?: { name: string; description?: string }[];
  cssParts?: { name: string }[];
  summary?: string;
}

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const elements = new Map(
  manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]),
);

test('custom-elements.json lists every element of the design', () => {
  assert.deepEqual(
    [...elements.keys()].sort(),
    ['tc-conference-details', 'tc-conference-list', 'tc-create-meeting', 'tc-join-button', 'tc-login-button', 'tc-session'],
  );
});

test('tc-session lists its attributes and events', () => {
  const session = elements.get('tc-session')!;
  const attributes = session.attributes!.map((a) => a.name).sort();
  assert.deepEqual(attributes, [
    'api-base', 'api-version', 'client-id', 'issuer', 'login-mode', 'provider', 'redirect-uri', 'scope', 'server', 'storage',
  ]);
  assert.ok(session.events!.some((e) => e.name === 'tc-error'));
  assert.ok(session.events!.some((e) => e.name === 'tc-session-change'));
});

test('every element documents a summary, and every attribute and event a description; events are tc- kebab-case', () => {
  for (const [tag, d] of elements) {
    assert.ok(d.summary, `${tag} has no @summary`);
    for (const a of d.attributes ?? []) assert.ok(a.description, `${tag} attribute ${a.name} is undocumented`);
    for (const e of d.events ?? []) {
      assert.match(e.name, /^tc-[a-z]+(-[a-z]+)*$/, `${tag} event ${e.name}`);
      assert.ok(e.description, `${tag} event ${e.name} is undocumented`);
    }
    assert.ok((d.cssParts ?? []).length > 0, `${tag} exposes no ::part`);
  }
});
