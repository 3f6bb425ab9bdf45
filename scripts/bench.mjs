// `npm run bench`: bundle sizes (and, as later sections land, render times and request counts).
// Reports only; budgets from DESIGN.md are shown next to the figures, never asserted as times.
import { readdirSync } from 'node:fs';

const sections = readdirSync(new URL('./bench/', import.meta.url))
  .filter((f) => f.endsWith('.mjs'))
  .sort();
for (const file of sections) {
  const { run } = await import(new URL(`./bench/${file}`, import.meta.url));
  await run();
}
