// npm run bench — speed and memory of neaspec-track on a large generated framework, against peers
// (then the loader alone, scripts/bench-load.mjs, and CSV ledgers, scripts/bench-csv.mjs)
// on the same data: the `yaml` package's full document parse (what a naive loader would do),
// JSON.parse (the floor for reading this much data), and the plain-text-accounting tools hledger
// and ledger (when installed) on the same spending as a journal.
//   node scripts/bench.mjs [entries=100000] [runs=3]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 3);
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'neaspec-track.js');
const dir = mkdtempSync(path.join(tmpdir(), 'neaspec-bench-'));
const fw = path.join(dir, 'framework');
mkdirSync(path.join(fw, 'progress'), { recursive: true });

// --- generate: 24 budget lines, 24 indicators; 90% spending, 10% indicator values ----------------
const COUNTRIES = ['CN', 'KP', 'JP', 'MN', 'KR', 'RU'];
let plan = `plan: {id: bench, title: Bench plan, start: 2026, end: 2030, currency: USD, dimensions: {country: [${COUNTRIES}]}}
programmes:\n`;
for (let p = 0; p < 6; p++) plan += `  - {id: P${p}, title: Programme ${p}}\n`;
plan += 'results:\n';
for (let p = 0; p < 6; p++)
  plan += `  - {id: P${p}.O1, level: outcome, programme: P${p}, title: Outcome ${p}}\n`;
plan += 'indicators:\n';
for (let i = 0; i < 24; i++) {
  plan += `  - {id: I${i}, result: P${i % 6}.O1, title: Indicator ${i}, unit: things, measure: number, direction: increase, aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2028: 500, 2030: 1000}, frequency: monthly, disaggregate: [country]}\n`;
}
plan += 'budget:\n  sources: [{id: CORE, title: Core}]\n  lines:\n';
for (let l = 0; l < 24; l++) {
  plan += `    - {id: L${l}, title: Line ${l}, result: P${l % 6}.O1, source: CORE, category: c${l % 4}, planned: {2026: 900000, 2027: 900000, 2028: 900000, 2029: 900000, 2030: 900000}}\n`;
}
writeFileSync(path.join(fw, 'plan.yaml'), plan);

const entries = [];
let journal = '';
const results = Math.floor(N / 10);
const keys = [];
for (let i = 0; i < 24; i++) for (let m = 0; m < 60; m++) for (const c of COUNTRIES) keys.push([i, m, c]);
for (let k = 0; k < N; k++) {
  if (k < results && k < keys.length) {
    const [i, m, c] = keys[k];
    const y = 2026 + Math.floor(m / 12);
    const mm = String((m % 12) + 1).padStart(2, '0');
    entries.push({
      indicator: `I${i}`,
      period: `${y}-${mm}`,
      value: (k % 7) + 1,
      country: c,
      date: `${y}-${mm}-28`,
    });
  } else {
    const day = k % 1826;
    const d = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    const cents = (k * 7919) % 100000;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    entries.push({ spend: `L${k % 24}`, date: d, amount, note: `payment ${k}` });
    journal += `${d} payment ${k}\n    expenses:L${k % 24}  ${amount} USD\n    assets:bank\n\n`;
  }
}
const flow = (e) =>
  `  - {${Object.entries(e)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}\n`;
const ledgerText = `# generated\nprogress:\n${entries.map(flow).join('')}`;
writeFileSync(path.join(fw, 'progress', 'ledger.yaml'), ledgerText);
writeFileSync(path.join(dir, 'ledger.json'), JSON.stringify({ progress: entries }));
writeFileSync(path.join(dir, 'bench.journal'), journal);
// The same ledger written block-style, which the fast path does not take.
const blockDir = path.join(dir, 'block');
mkdirSync(path.join(blockDir, 'progress'), { recursive: true });
writeFileSync(path.join(blockDir, 'plan.yaml'), plan);
writeFileSync(
  path.join(blockDir, 'progress', 'ledger.yaml'),
  `progress:\n${entries
    .map(
      (e) =>
        `  - ${Object.entries(e)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n    ')}\n`,
    )
    .join('')}`,
);

// --- measure: wall time (median of RUNS) and peak RSS of a child process -------------------------
const rssProbe = path.join(dir, 'rss.cjs');
writeFileSync(
  rssProbe,
  "process.on('exit', () => require('fs').writeSync(2, '\\nRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));",
);
function measure(label, cmd, args, { node = false } = {}) {
  const times = [];
  let rss = null;
  let status = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const res = node
      ? spawnSync(process.execPath, ['--require', rssProbe, ...args], {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        })
      : spawnSync(
          '/usr/bin/env',
          [
            'bash',
            '-c',
            `command time -f 'RSS_KB=%M' ${cmd} ${args.map((a) => `'${a}'`).join(' ')} >/dev/null`,
          ],
          { encoding: 'utf8' },
        );
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const m = /RSS_KB=(\d+)/.exec(res.stderr ?? '');
    if (m) rss = Number(m[1]);
    status = res.status;
  }
  times.sort((a, b) => a - b);
  return { label, ms: times[Math.floor(times.length / 2)], rssMb: rss === null ? null : rss / 1024, status };
}
const has = (c) => spawnSync('bash', ['-c', `command -v ${c}`]).status === 0;
const rows = [];
const floor = measure(
  'JSON.parse of the same entries (floor)',
  null,
  ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(path.join(dir, 'ledger.json'))}, 'utf8'))`],
  { node: true },
);
rows.push(floor);
rows.push(
  measure(
    'yaml package: full parseDocument of the ledger',
    null,
    [
      '-e',
      `require(${JSON.stringify(path.join(root, 'node_modules', 'yaml'))}).parseDocument(require('fs').readFileSync(${JSON.stringify(path.join(fw, 'progress', 'ledger.yaml'))}, 'utf8'))`,
    ],
    { node: true },
  ),
);
rows.push(
  measure('neaspec-track validate (fast ledger path)', null, [bin, '--framework', fw, 'validate'], {
    node: true,
  }),
);
rows.push(
  measure(
    'neaspec-track validate (block-style ledger: full parse)',
    null,
    [bin, '--framework', blockDir, 'validate'],
    { node: true },
  ),
);
rows.push(
  measure(
    'neaspec-track status',
    null,
    [bin, '--framework', fw, 'status', '--as-of', '2030-12-31', '--format', 'json'],
    { node: true },
  ),
);
rows.push(
  measure(
    'neaspec-track variance --by line',
    null,
    [bin, '--framework', fw, 'variance', '--as-of', '2030-12-31', '--format', 'json'],
    { node: true },
  ),
);
const vt = rows.at(-1);
let peer = null;
if (has('hledger')) {
  peer = measure('hledger bal -Y (same spending)', 'hledger', [
    '-f',
    path.join(dir, 'bench.journal'),
    'bal',
    '-Y',
    'expenses',
  ]);
  rows.push(peer);
}
if (has('ledger') && has('time'))
  rows.push(
    measure('ledger bal (same spending)', 'ledger', [
      '-f',
      path.join(dir, 'bench.journal'),
      'bal',
      'expenses',
    ]),
  );

console.log(
  `\nneaspec-track bench: ${N.toLocaleString('en')} ledger entries (${entries.length - Math.min(results, keys.length)} spending, ${Math.min(results, keys.length)} indicator values), median of ${RUNS} runs\n`,
);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('what', 58)}${pad('time', 11)}${pad('µs/entry', 10)}${pad('peak RSS', 11)}vs floor`);
for (const r of rows) {
  const rss = r.rssMb === null ? 'n/a' : `${r.rssMb.toFixed(0)} MB`;
  const flag = r.status !== 0 && r.label.startsWith('neaspec') ? `  (exit ${r.status})` : '';
  console.log(
    `${pad(r.label, 58)}${pad(`${r.ms.toFixed(0)} ms`, 11)}${pad(((r.ms * 1000) / N).toFixed(1), 10)}${pad(rss, 11)}${(r.ms / floor.ms).toFixed(1)}×${flag}`,
  );
}
if (peer)
  console.log(`\nvariance vs hledger on the same spending: ${(vt.ms / peer.ms).toFixed(2)}× the time`);
console.log('(each figure includes starting the process; the floor is one node process reading the JSON)');
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(`data kept in ${dir}`);

// The loader in process (fast path vs full parse vs JSON.parse) and CSV ledgers, on the same N.
if (!process.env.BENCH_ONLY_PEERS) {
  for (const script of ['bench-load.mjs', 'bench-csv.mjs']) {
    console.log(`\n── scripts/${script} ${N} ──`);
    spawnSync(process.execPath, [path.join(root, 'scripts', script), String(N), String(RUNS)], {
      stdio: 'inherit',
    });
  }
}
