// Loading a 100,000-row CSV ledger: how long the CSV reader takes, how long the whole check
// (parse + schema + ledger rules) takes, and what a cold `validate` costs end to end compared
// with the same framework without the CSV file. A measurement to read, not a test.
//   node scripts/bench-csv.mjs [rows=100000] [runs=3]     (run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'neaspec-track.js');
const dir = mkdtempSync(path.join(tmpdir(), 'neaspec-bench-csv-'));
const fw = path.join(dir, 'framework');
mkdirSync(path.join(fw, 'progress'), { recursive: true });

// --- generate: 60 monthly indicators by country (60 × 60 months × 6 countries = 21,600 keys) and 24
// budget lines; 20% of the rows are indicator values (each key once), 80% spending (1 in 10 in KRW).
const COUNTRIES = ['CN', 'KP', 'JP', 'MN', 'KR', 'RU'];
let plan = `plan: {id: bench, title: Bench plan, start: 2026, end: 2030, currency: USD, dimensions: {country: [${COUNTRIES}]}}
programmes: [{id: P, title: Programme}]
results: [{id: P.O1, level: outcome, programme: P, title: Outcome}]
indicators:\n`;
for (let i = 0; i < 60; i++) {
  plan += `  - {id: I${i}, result: P.O1, title: Indicator ${i}, unit: things, measure: number, direction: increase, aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2030: 1000}, frequency: monthly, disaggregate: [country]}\n`;
}
plan +=
  'budget:\n  sources: [{id: CORE, title: Core}]\n  rates: {KRW: {2026: 0.00072, 2027: 0.00071, 2028: 0.0007, 2029: 0.00069, 2030: 0.00068}}\n  lines:\n';
for (let l = 0; l < 24; l++) {
  plan += `    - {id: L${l}, title: Line ${l}, result: P.O1, source: CORE, planned: {2026: 100000, 2027: 100000, 2028: 100000, 2029: 100000, 2030: 100000}}\n`;
}
writeFileSync(path.join(fw, 'plan.yaml'), plan);

const pad = (n) => String(n).padStart(2, '0');
const rows = ['indicator,spend,period,value,country,date,amount,currency,note'];
let key = 0;
for (let r = 0; r < N; r++) {
  if (r % 5 === 0 && key < 21_600) {
    const ind = key % 60;
    const c = COUNTRIES[Math.floor(key / 60) % 6];
    const m = Math.floor(key / 360); // 0..59
    const y = 2026 + Math.floor(m / 12);
    rows.push(`I${ind},,${y}-${pad((m % 12) + 1)},${(r % 7) + 1},${c},${y}-${pad((m % 12) + 1)}-28,,,`);
    key++;
  } else {
    const y = 2026 + (r % 5);
    const krw = r % 10 === 1;
    const amount = krw ? String(100000 + (r % 900) * 1000) : `${(r % 5000) + 1}.${pad(r % 100)}`;
    rows.push(
      `,L${r % 24},,,,${y}-${pad((r % 12) + 1)}-${pad((r % 28) + 1)},${amount},${krw ? 'KRW' : ''},"row ${r}, exported"`,
    );
  }
}
const csvText = `${rows.join('\n')}\n`;
const csvFile = path.join(fw, 'progress', 'ledger.csv');
writeFileSync(csvFile, csvText);
console.log(`${N} rows, ${(csvText.length / 1e6).toFixed(1)} MB: ${csvFile}`);

// --- in-process: bundle the loader from source and time it ----------------------------------
const probe = path.join(dir, 'probe.cjs');
await build({
  stdin: {
    contents: `export { parseCsvFile } from './src/load/csv-file.ts'; export { checkFiles } from './src/load/index.ts';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: probe,
  define: { 'import.meta.url': '__probe_url' },
  banner: { js: "const __probe_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
const { parseCsvFile, checkFiles } = createRequire(import.meta.url)(probe);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  const out = fn();
  return [performance.now() - t, out];
};
const parseTimes = [];
const checkTimes = [];
let errors = -1;
for (let i = 0; i < RUNS; i++) {
  const [tp, parsed] = time(() => parseCsvFile('ledger.csv', csvText));
  if (parsed.value.progress.length !== N)
    throw new Error(`read ${parsed.value.progress.length} rows, not ${N}`);
  parseTimes.push(tp);
  const files = [
    {
      name: 'plan.yaml',
      path: path.join(fw, 'plan.yaml'),
      text: readFileSync(path.join(fw, 'plan.yaml'), 'utf8'),
    },
    { name: 'progress/ledger.csv', path: csvFile, text: csvText },
  ];
  const [tc, checked] = time(() => checkFiles(fw, files));
  checkTimes.push(tc);
  errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
}
if (errors !== 0) throw new Error(`the generated ledger has ${errors} errors`);
console.log(`parseCsvFile (CSV → entries):          median ${median(parseTimes).toFixed(0)} ms of ${RUNS}`);
console.log(`checkFiles (parse + schema + rules):   median ${median(checkTimes).toFixed(0)} ms of ${RUNS}`);

// --- end to end: a cold `validate`, with and without the CSV ----------------------------------
const run = (target) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'validate', target], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`validate failed: ${r.stdout}${r.stderr}`);
  return performance.now() - t;
};
const withCsv = [];
for (let i = 0; i < RUNS; i++) withCsv.push(run(fw));
rmSync(csvFile);
const without = [];
for (let i = 0; i < RUNS; i++) without.push(run(fw));
console.log(`validate, framework + CSV:             median ${median(withCsv).toFixed(0)} ms`);
console.log(`validate, same framework without CSV:  median ${median(without).toFixed(0)} ms`);
console.log(`the CSV ledger's share:                ${(median(withCsv) - median(without)).toFixed(0)} ms`);
rmSync(dir, { recursive: true, force: true });
