/**
 * Every msg() in src/ has a Russian and a German translation, with the same placeholders, and the
 * locale modules hold nothing else. Ids are computed from the source exactly as the @lit/localize
 * runtime computes them (or taken from an explicit `{ id }`), so a reworded English string shows up
 * here as "missing" + "stale" instead of silently rendering English.
 *
 * On failure the message lists ready-to-paste entries (id, kind, English) for the locale modules.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import type { TemplateLike } from '@lit/localize';
import { getLocale, initLocalization, resolveLocale } from '../../src/i18n/localization.js';
import { templates as ru } from '../../src/i18n/locales/ru.js';
import { templates as de } from '../../src/i18n/locales/de.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const srcDir = join(root, 'src');

type Kind = 'string' | 'str' | 'html';
interface Message {
  id: string;
  kind: Kind;
  /** The English text with `${n}` where expression n goes. */
  text: string;
  placeholders: number;
  where: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(srcDir, 'i18n', 'locales') ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Finds `msg(...)` calls; anything the runtime could not look up by a fixed id is a problem. */
function extract(file: string, problems: string[]): Message[] {
  const code = readFileSync(file, 'utf8');
  if (!/\bmsg\s*\(/.test(code)) return [];
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Message[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg') {
      const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const message = describeCall(node, where);
      if (typeof message === 'string') problems.push(`${where}: ${message}`);
      else found.push(message);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function describeCall(call: ts.CallExpression, where: string): Message | string {
  const [arg, options] = call.arguments;
  if (!arg) return 'msg() without a template';
  let kind: Kind;
  let strings: string[];
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
    kind = 'string';
    strings = [arg.text];
  } else if (ts.isTaggedTemplateExpression(arg) && ts.isIdentifier(arg.tag) && ['str', 'html'].includes(arg.tag.text)) {
    kind = arg.tag.text as Kind;
    const template = arg.template;
    strings = ts.isNoSubstitutionTemplateLiteral(template)
      ? [template.text]
      : [template.head.text, ...template.templateSpans.map((span) => span.literal.text)];
  } else {
    return `msg() needs a literal, str\`\` or html\`\` template, got: ${arg.getText().slice(0, 60)}`;
  }
  let id = generateMsgId(strings, kind === 'html');
  if (options) {
    if (!ts.isObjectLiteralExpression(options)) return 'msg() options must be an object literal';
    for (const prop of options.properties) {
      if (ts.isPropertyAssignment(prop) && prop.name.getText() === 'id') {
        if (!ts.isStringLiteral(prop.initializer)) return 'msg() id must be a string literal';
        id = prop.initializer.text;
      }
    }
  }
  const text = strings.reduce((all, part, i) => (i === 0 ? part : `${all}\${${i - 1}}${part}`), '');
  return { id, kind, text, placeholders: strings.length - 1, where };
}

function kindOf(template: TemplateLike): Kind {
  if (typeof template === 'string') return 'string';
  return 'strTag' in template ? 'str' : 'html';
}

/** Placeholder indices a translation uses: the locale modules write `${0}`, `${1}`… */
function placeholdersOf(template: TemplateLike): number[] {
  return typeof template === 'string' ? [] : (template.values as unknown[]).map(Number).sort((a, b) => a - b);
}

function literal(message: Message): string {
  if (message.kind === 'string') return JSON.stringify(message.text);
  return `${message.kind}\`${message.text.replace(/`/g, '\\`')}\``;
}

const problems: string[] = [];
const messages = new Map<string, Message>();
for (const file of sourceFiles(srcDir)) {
  for (const message of extract(file, problems)) {
    const seen = messages.get(message.id);
    if (seen && (seen.kind !== message.kind || seen.text !== message.text)) {
      problems.push(`${message.where}: id "${message.id}" also used for different text at ${seen.where}`);
    }
    messages.set(message.id, message);
  }
}

describe('i18n coverage', () => {
  it('finds the messages of the elements', () => {
    assert.deepEqual(problems, [], `msg() calls that cannot be translated:\n${problems.join('\n')}`);
    // Guards against the scan silently finding nothing (e.g. a renamed folder).
    assert.ok(messages.size >= 10, `only ${messages.size} msg() calls found under src/`);
    assert.ok([...messages.values()].some((m) => m.text === 'Sign in'), 'the login button’s "Sign in" was not found');
  });

  for (const [locale, templates] of [['ru', ru], ['de', de]] as const) {
    it(`${locale}: every message is translated, nothing stale`, () => {
      const missing = [...messages.values()].filter((m) => !(m.id in templates));
      const stale = Object.keys(templates).filter((id) => !messages.has(id));
      const report = [
        ...missing.map((m) => `missing  ${JSON.stringify(m.id)}: ${literal(m)},  // ${m.where}`),
        ...stale.map((id) => `stale    ${JSON.stringify(id)}`),
      ];
      assert.deepEqual(report, [], `src/i18n/locales/${locale}.ts is out of date:\n${report.join('\n')}`);
    });

    it(`${locale}: translations keep the kind and every placeholder`, () => {
      const wrong: string[] = [];
      for (const message of messages.values()) {
        const translated = templates[message.id];
        if (translated === undefined) continue;
        const expected = Array.from({ length: message.placeholders }, (_, i) => i);
        if (kindOf(translated) !== message.kind) {
          wrong.push(`${message.id} (${message.text}): ${kindOf(translated)} instead of ${message.kind}`);
        } else if (JSON.stringify(placeholdersOf(translated)) !== JSON.stringify(expected)) {
          wrong.push(`${message.id} (${message.text}): placeholders ${placeholdersOf(translated).join(',')}`);
        }
        const text = typeof translated === 'string' ? translated : translated.strings.join('');
        if (message.text.trim() !== '' && text.trim() === '') wrong.push(`${message.id} (${message.text}): empty`);
      }
      assert.deepEqual(wrong, []);
    });
  }
});

describe('localization outside a browser', () => {
  it('maps language tags to en, ru or de', () => {
    const tags = ['ru', 'ru-RU', 'RU_ru', ' de-AT ', 'de-CH', 'en-GB', 'fr', 'uk', '', null, undefined];
    assert.deepEqual(tags.map(resolveLocale), ['ru', 'ru', 'ru', 'de', 'de', 'en', 'en', 'en', 'en', 'en', 'en']);
  });

  it('importing and starting it without a DOM does nothing (SSR)', () => {
    initLocalization();
    assert.equal(getLocale(), 'en');
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  });
});
