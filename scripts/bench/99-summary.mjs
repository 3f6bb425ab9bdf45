// The closing table of `npm run bench`: every budget of DESIGN.md with what this run measured.
// Figures only; nothing here fails the run.
import { BUDGETS, printTable, resultOf } from './support/budgets.mjs';

export async function run() {
  console.log('\nBudgets (DESIGN.md)\n');
  printTable(
    ['budget', 'limit', 'measured', 'verdict'],
    BUDGETS.map(({ id, name, limit }) => {
      const result = resultOf(id);
      if (!result) return [name, limit, '–', 'not measured (no bench section for it ran)'];
      const verdict = result.within === undefined ? 'not measured' : result.within ? 'within' : 'OVER';
      return [name, limit, result.value, result.note ? `${verdict} — ${result.note}` : verdict];
    }),
  );
}
