// node scripts/bench-hostile.mjs — hostile files through `validate` (issues 16.3, 13.10, 13.13):
// many syntax errors (every output format), one very long line, deep nesting, and the growth of the
// cost with the size of each (linear: the CPU per unit does not grow). Every figure is a whole
// process (start-up included): CPU time (user + system) and peak RSS from GNU time, so a loaded
// machine does not move them much.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'neaspec-track.js');
const TIME = '/usr/bin/time';
const dir = mkdtempSync(path.join(tmpdir(), 'neaspec-hostile-'));

/** CPU ms and peak RSS MB of `validate FILE [args]`, and its exit code. */
function validate(file, args = []) {
  const res = spawnSync(
    TIME,
    ['-f', 'RSS_KB=%M CPU_S=%U+%S', process.execPath, bin, 'validate', file, ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const rss = Number(/RSS_KB=(\d+)/.exec(res.stderr)?.[1] ?? 0) / 1024;
  const c = /CPU_S=([\d.]+)\+([\d.]+)/.exec(res.stderr);
  const cpu = c ? (Number(c[1]) + Number(c[2])) * 1000 : Number.NaN;
  return { cpu, rss, status: res.status };
}

function file(name, text) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const fmt = (n) => n.toLocaleString('en-US');
const verdicts = [];
const row = (label, r) =>
  console.log(
    `  ${label.padEnd(52)} ${`${Math.round(r.cpu)} ms`.padStart(9)} ${`${Math.round(r.rss)} MB`.padStart(8)}  exit ${r.status}`,
  );

console.log('hostile files through validate (CPU time, peak RSS)');
const errors = file('errors.yaml', ']\n'.repeat(30_000));
for (const format of ['text', 'json', 'github']) {
  row(`30,000 lines of \`]\` --format ${format}`, validate(errors, ['--format', format]));
}
row('130,000 `]` on one line', validate(file('brackets.yaml', `${']'.repeat(130_000)}\n`)));
row(
  '20,000-deep flow nesting',
  validate(file('deep.yaml', `progress: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`)),
);
row('20,000-deep compact sequences', validate(file('seq.yaml', `progress:\n${'- '.repeat(20_000)}x\n`)));

console.log('\ngrowth: one line of N distinct keys, N duplicate keys, N `]` (µs per unit)');
for (const [label, make] of [
  [
    'distinct keys on one line',
    (n) => `x: {${Array.from({ length: n }, (_, i) => `k${i}: 1`).join(', ')}}\n`,
  ],
  ['duplicate keys on one line', (n) => `x: {${Array.from({ length: n }, () => 'k: 1').join(', ')}}\n`],
  ['`]` on one line', (n) => `${']'.repeat(n)}\n`],
]) {
  const per = [];
  for (const n of [25_000, 100_000]) {
    const r = validate(file(`grow-${n}.yaml`, make(n)), ['--format', 'json']);
    per.push(r.cpu / n);
    row(`${fmt(n)} ${label}`, r);
  }
  const ratio = (per[1] ?? 0) / (per[0] ?? 1);
  console.log(`  µs per unit: ${per.map((p) => (p * 1000).toFixed(1)).join(' → ')} (×${ratio.toFixed(2)})`);
  // Start-up is a larger share of the small run, so linear growth shows as a ratio at or below 1.
  verdicts.push(
    `${ratio <= 1.5 ? 'ok  ' : 'FAIL'}  ${label}: cost per unit ×${ratio.toFixed(2)} from 25k to 100k (linear ≤ 1.5)`,
  );
}

console.log('\nverdicts');
for (const v of verdicts) console.log(`  ${v}`);
rmSync(dir, { recursive: true, force: true });
