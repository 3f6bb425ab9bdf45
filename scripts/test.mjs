// `npm test`: every check in order, stopping at the first failure, with a summary line.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['manifest', 'npm', ['run', '-s', 'check:manifest']],
  ['node tests', 'npm', ['run', '-s', 'test:node']],
  ['browser tests', 'npm', ['run', '-s', 'test:browser']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['end-to-end tests', 'npm', ['run', '-s', 'test:e2e']],
];

const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n== ${name} ==`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\nnpm test: ${name} failed (${seconds}s).`);
    process.exit(result.status ?? 1);
  }
  console.log(`-- ${name} ok (${seconds}s)`);
}
console.log('\nnpm test: all checks passed.');
