// node scripts/bench-load.mjs [entries=100000] [runs=5]
// The loader alone, in process: validating a ledger of N one-line flow mappings through the fast
// path, the same text forced through the `yaml` package's full Document parse, and JSON.parse of
// the same data as the floor. Bundles src/ with esbuild (no build needed), then runs each mode in
// a fresh `node --expose-gc` child so heap figures do not mix.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await parent(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 5));
}

async function parent(n, runs) {
  const dir = mkdtempSync(path.join(tmpdir(), 'neaspec-bench-load-'));
  try {
    const { build } = await import('esbuild');
    const bundle = path.join(dir, 'loader.cjs');
    await build({
      stdin: {
        contents: `export { parseYamlFile } from './src/load/yaml-file.ts';
export { checkParsed } from './src/load/index.ts';`,
        resolveDir: root,
        loader: 'ts',
      },
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      define: { 'import.meta.url': '__bundle_url' },
      banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'warning',
    });
    const fw = generate(dir, n);
    console.log(
      `loader benchmark: ${n.toLocaleString('en')} ledger entries, best of ${runs} runs per mode\n`,
    );
    const modes = [
      ['fast', 'validate, fast ledger path'],
      ['full', 'validate, forced full yaml parse'],
      ['fast-parse', 'parse only, fast path'],
      ['full-parse', 'parse only, yaml Document'],
      ['json', 'JSON.parse of the same data'],
    ];
    const results = {};
    for (const [mode, label] of modes) {
      const times = [];
      let heap = 0;
      let rss = 0;
      for (let r = 0; r < runs; r++) {
        const out = spawnSync(
          process.execPath,
          ['--expose-gc', '--max-old-space-size=4096', import.meta.filename, '--child', mode, bundle, fw],
          { encoding: 'utf8' },
        );
        if (out.status !== 0) throw new Error(`${mode} failed: ${out.stderr}`);
        const m = JSON.parse(out.stdout);
        times.push(m.ms);
        heap = Math.max(heap, m.heapMB);
        rss = Math.max(rss, m.rssMB);
        if (m.errors !== 0) throw new Error(`${mode}: the generated ledger has ${m.errors} errors`);
      }
      const ms = Math.min(...times);
      results[mode] = ms;
      console.log(
        `${label.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ${((ms * 1000) / n).toFixed(2).padStart(7)} µs/entry  heap ${heap.toFixed(0).padStart(4)} MB  peak RSS ${rss.toFixed(0).padStart(4)} MB`,
      );
    }
    console.log('');
    console.log(`full yaml / fast path (validate):  ${(results.full / results.fast).toFixed(1)}×`);
    console.log(
      `full yaml / fast path (parse):     ${(results['full-parse'] / results['fast-parse']).toFixed(1)}×`,
    );
    console.log(`fast parse / JSON.parse:           ${(results['fast-parse'] / results.json).toFixed(1)}×`);
    console.log(`fast validate / JSON.parse:        ${(results.fast / results.json).toFixed(1)}×`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One measurement in a fresh process: prints {ms, heapMB, rssMB, errors} as JSON. */
async function child(mode, bundle, fw) {
  const { parseYamlFile, checkParsed } = createRequire(import.meta.url)(bundle);
  const plan = readFileSync(path.join(fw, 'plan.yaml'), 'utf8');
  const ledger = readFileSync(path.join(fw, 'ledger.yaml'), 'utf8');
  const json = readFileSync(path.join(fw, 'ledger.json'), 'utf8');
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  let kept;
  let errors = 0;
  if (mode === 'json') kept = JSON.parse(json);
  else if (mode === 'fast-parse' || mode === 'full-parse') {
    kept = parseYamlFile('ledger.yaml', ledger, { fast: mode === 'fast-parse' });
    if (mode === 'fast-parse' && !kept.file.locate) throw new Error('no file');
  } else {
    const parsed = [
      parseYamlFile('plan.yaml', plan),
      parseYamlFile('ledger.yaml', ledger, { fast: mode === 'fast' }),
    ];
    kept = checkParsed(fw, parsed);
    errors = kept.diagnostics.filter((d) => d.severity === 'error').length;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  globalThis.gc();
  const heapMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  const rssMB = process.resourceUsage().maxRSS / 1024;
  if (kept === undefined) throw new Error('nothing kept');
  process.stdout.write(JSON.stringify({ ms, heapMB, rssMB, errors }));
}

/** A small plan and an N-entry ledger (half results, half spending), as YAML and as JSON. */
function generate(dir, n) {
  const fw = path.join(dir, 'fw');
  mkdirSync(fw, { recursive: true });
  const countries = ['CN', 'KP', 'JP', 'MN', 'KR', 'RU'];
  const indicators = Math.ceil(n / 2 / (60 * countries.length));
  let plan = `plan: {id: bench, title: Bench, start: 2026, end: 2030, currency: USD, dimensions: {country: [${countries}]}}
programmes:
  - {id: P, title: Programme}
results:
  - {id: P.O1, level: outcome, programme: P, title: Outcome}
indicators:
`;
  for (let i = 0; i < indicators; i++) {
    plan += `  - {id: I${i}, result: P.O1, title: Indicator ${i}, unit: things, measure: number, direction: increase, aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2030: 1000}, frequency: monthly, disaggregate: [country]}\n`;
  }
  plan += `budget:
  sources: [{id: CORE, title: Core}]
  rates: {KRW: {2026: 0.00072, 2027: 0.00071, 2028: 0.0007, 2029: 0.0007, 2030: 0.0007}}
  lines:
`;
  for (let l = 0; l < 12; l++) {
    plan += `    - {id: L${l}, title: Line ${l}, result: P.O1, source: CORE, planned: {2026: 90000, 2027: 90000, 2028: 90000, 2029: 90000, 2030: 90000}}\n`;
  }
  writeFileSync(path.join(fw, 'plan.yaml'), plan);
  const lines = ['progress:'];
  const items = [];
  for (let k = 0; k < n; k++) {
    const pad = (x) => String(x).padStart(2, '0');
    if (k % 2 === 0) {
      const r = k / 2;
      const country = countries[r % 6];
      const month = Math.floor(r / 6) % 60;
      const ind = Math.floor(r / 360);
      const year = 2026 + Math.floor(month / 12);
      const mm = pad((month % 12) + 1);
      const value = (r % 17) + 0.5;
      lines.push(
        `  - {indicator: I${ind}, period: ${year}-${mm}, value: ${value}, country: ${country}, date: ${year}-${mm}-28, source: report ${r}}`,
      );
      items.push({
        indicator: `I${ind}`,
        period: `${year}-${mm}`,
        value,
        country,
        date: `${year}-${mm}-28`,
        source: `report ${r}`,
      });
    } else {
      const year = 2026 + (k % 5);
      const date = `${year}-${pad((k % 12) + 1)}-${pad((k % 28) + 1)}`;
      const krw = k % 10 === 1;
      const amount = krw ? 100000 + (k % 1000) : ((k % 50000) + 1) / 100;
      lines.push(
        `  - {spend: L${k % 12}, date: ${date}, amount: ${amount}${krw ? ', currency: KRW' : ''}, note: "payment ${k}"}`,
      );
      items.push({
        spend: `L${k % 12}`,
        date,
        amount,
        ...(krw ? { currency: 'KRW' } : {}),
        note: `payment ${k}`,
      });
    }
  }
  writeFileSync(path.join(fw, 'ledger.yaml'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(fw, 'ledger.json'), JSON.stringify({ progress: items }));
  return fw;
}
