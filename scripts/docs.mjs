// Writes docs/elements.md from custom-elements.json: one section per element with its attributes,
// properties, methods, events, slots, CSS parts and custom properties. `--check` fails when stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').trim();
const code = (s) => (s ? `\`${cell(s)}\`` : '');

function table(title, head, rows) {
  if (rows.length === 0) return '';
  return `#### ${title}\n\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|\n${rows
    .map((r) => `| ${r.join(' | ')} |`)
    .join('\n')}\n\n`;
}

const elements = manifest.modules
  .flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, path: m.path })))
  .filter((d) => d.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

let out = '# Element reference\n\nGenerated from `custom-elements.json` by `npm run analyze`; do not edit.\n\n';
out += elements.map((d) => `- [\`<${d.tagName}>\`](#${d.tagName})`).join('\n') + '\n\n';
for (const d of elements) {
  const members = (d.members ?? []).filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static);
  out += `## <a id="${d.tagName}"></a>\`<${d.tagName}>\`\n\n${cell(d.summary)}\n\n`;
  if (d.description) out += `${d.description.trim()}\n\n`;
  out += `Import: \`tc-widgets/elements/${d.path.split('/')[2]}.js\` (or \`tc-widgets\` for all).\n\n`;
  out += table(
    'Attributes',
    ['Attribute', 'Property', 'Type', 'Default', 'Description'],
    (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell(a.description)]),
  );
  const attrFields = new Set((d.attributes ?? []).map((a) => a.fieldName));
  out += table(
    'Properties',
    ['Property', 'Type', 'Description'],
    members.filter((m) => m.kind === 'field' && !attrFields.has(m.name)).map((m) => [code(m.name), code(m.type?.text), cell(m.description)]),
  );
  out += table(
    'Methods',
    ['Method', 'Description'],
    members
      .filter((m) => m.kind === 'method')
      .map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), cell(m.description)]),
  );
  out += table('Events', ['Event', 'Detail', 'Description'], (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]));
  out += table('Slots', ['Slot', 'Description'], (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]));
  out += table('CSS parts', ['Part', 'Description'], (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]));
  out += table('CSS custom properties', ['Property', 'Description'], (d.cssProperties ?? []).map((p) => [code(p.name), cell(p.description)]));
}

const target = 'docs/elements.md';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== out) {
    console.error(`${target} is stale: run \`npm run analyze\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${target} is up to date.`);
} else {
  mkdirSync('docs', { recursive: true });
  writeFileSync(target, out);
  console.log(`wrote ${target}`);
}
