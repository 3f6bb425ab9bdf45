// The budgets of DESIGN.md, filled in by the bench sections as they measure, printed by 99-summary.
// A section that cannot measure (no Chromium, a failed build) records why, so the summary never
// silently drops a budget.

/** Every budget DESIGN.md names, in its order. `value` and `within` stay undefined until measured. */
export const BUDGETS = [
  { id: 'bundle', name: 'dist/tc-widgets.js (min + gzip -9)', limit: '≤ 30 KB gzip' },
  { id: 'smallest-page', name: 'smallest useful page (session + login + list + trueconf)', limit: '≤ 20 KB gzip' },
  { id: 'render-1k', name: 'first render, 1,000 rows ÷ plain-DOM baseline', limit: '≤ 1.5×' },
  { id: 'render-10k', name: 'first render, 10,000 rows ÷ own 1,000-row time', limit: '≤ 2×' },
  { id: 'list-requests', name: 'list requests, three elements sharing one session', limit: '= 1' },
  { id: 'refreshes', name: 'refresh requests, 20 concurrent 401s across three tabs', limit: '= 1' },
];

const results = new Map();

/** Records a measured budget: `value` is what the table shows, `within` whether it meets the limit. */
export function record(id, value, within, note = '') {
  results.set(id, { value, within, note });
}

/** Records that a budget could not be measured, and why. */
export function unmeasured(id, reason) {
  results.set(id, { value: '–', within: undefined, note: reason });
}

export function resultOf(id) {
  return results.get(id);
}

/** Prints a Markdown table; `rows` are arrays of cells, `align` per column ('l' | 'r'). */
export function printTable(header, rows, align = []) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
