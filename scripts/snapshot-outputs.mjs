#!/usr/bin/env node
// Guard rail for refactoring: runs every command × format × fixture × as-of date × width through the
// built CLI and writes what each printed (exit code, stdout, stderr; Word and Excel files unzipped,
// their creation times blanked) into one file per case under DIR. Record before a change, record
// after, and compare:
//
//   node scripts/snapshot-outputs.mjs record /tmp/before
//   ... change the code, npm run build ...
//   node scripts/snapshot-outputs.mjs record /tmp/after
//   node scripts/snapshot-outputs.mjs compare /tmp/before /tmp/after
//
// `compare` lists every case whose output differs and exits 1 if any does. It is a developer's
// tool, not a test: the cases take a minute or two, and a deliberate fix of drift is a difference
// its commit names.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'neaspec-track.js');

const FRAMEWORKS = [
  'frameworks/neaspec-2026-2030',
  'examples/minimal',
  'examples/donor-project',
  'test/report/fixture',
  'test/status/fixtures/basic',
  'test/variance/fixtures/basic',
  'test/import/fixture',
  'test/export/fixtures/iati',
];
const BROKEN = [
  'test/validate/fixtures/clean',
  'test/validate/fixtures/warnings',
  'test/validate/fixtures/broken',
];
const DATES = ['2026-03-31', '2026-11-28', '2027-06-30', '2031-01-15'];
const WIDTHS = ['80', '120'];

/** Every case: a name and the arguments after `--framework FW`. */
function cases() {
  const out = [];
  const add = (name, args, opts = {}) => out.push({ name, args, ...opts });
  for (const fw of [...FRAMEWORKS, ...BROKEN]) {
    for (const f of ['text', 'json', 'github'])
      add(`${fw}/validate.${f}`, ['--framework', fw, 'validate', '--format', f]);
    add(`${fw}/validate.strict`, ['--framework', fw, 'validate', '--strict']);
  }
  for (const fw of FRAMEWORKS) {
    for (const d of DATES) {
      for (const f of ['json', 'csv', 'md']) {
        add(`${fw}/${d}/status.${f}`, ['--framework', fw, 'status', '--as-of', d, '--format', f]);
        add(`${fw}/${d}/funding.${f}`, ['--framework', fw, 'funding', '--as-of', d, '--format', f]);
        add(`${fw}/${d}/variance.${f}`, ['--framework', fw, 'variance', '--as-of', d, '--format', f]);
      }
      for (const by of ['line', 'result', 'programme', 'source', 'category', 'year']) {
        for (const basis of ['pro-rata', 'year']) {
          add(`${fw}/${d}/variance-${by}-${basis}.json`, [
            '--framework',
            fw,
            'variance',
            '--as-of',
            d,
            '--by',
            by,
            '--basis',
            basis,
            '--format',
            'json',
          ]);
        }
        for (const f of ['csv', 'md']) {
          add(`${fw}/${d}/variance-${by}.${f}`, [
            '--framework',
            fw,
            'variance',
            '--as-of',
            d,
            '--by',
            by,
            '--format',
            f,
          ]);
        }
      }
      for (const f of ['md', 'html', 'json']) {
        add(`${fw}/${d}/report.${f}`, ['--framework', fw, 'report', '--as-of', d, '--format', f]);
      }
      add(`${fw}/${d}/report-since.md`, [
        '--framework',
        fw,
        'report',
        '--as-of',
        d,
        '--since',
        '2026-01-01',
        '--format',
        'md',
      ]);
      add(
        `${fw}/${d}/report.docx`,
        ['--framework', fw, 'report', '--as-of', d, '--format', 'docx', '--out', '{OUT}.docx'],
        {
          file: 'docx',
        },
      );
      for (const w of WIDTHS) {
        add(`${fw}/${d}/status.table.${w}`, ['--framework', fw, 'status', '--as-of', d], { columns: w });
        add(`${fw}/${d}/funding.table.${w}`, ['--framework', fw, 'funding', '--as-of', d], { columns: w });
        add(`${fw}/${d}/report.text.${w}`, ['--framework', fw, 'report', '--as-of', d], { columns: w });
        for (const by of ['line', 'programme', 'year']) {
          add(
            `${fw}/${d}/variance-${by}.table.${w}`,
            ['--framework', fw, 'variance', '--as-of', d, '--by', by],
            {
              columns: w,
            },
          );
        }
      }
    }
    add(
      `${fw}/export.xlsx`,
      ['--framework', fw, 'export', '--format', 'xlsx', '--as-of', '2026-11-28', '--out', '{OUT}.xlsx'],
      {
        file: 'xlsx',
      },
    );
    add(`${fw}/export.iati`, ['--framework', fw, 'export', '--format', 'iati', '--as-of', '2026-11-28']);
    for (const p of ['2026', '2026-Q4', '2026-H2']) {
      add(
        `${fw}/template-${p}.csv`,
        ['--framework', fw, 'template', '--period', p, '--as-of', '2026-11-28', '--out', '{OUT}.csv'],
        { file: 'text' },
      );
    }
  }
  return out;
}

/** Ids the fixture knows, for `status --explain` and `history`: read from validate's JSON-free path (the status JSON). */
async function idCases(fw) {
  const status = await run(['--framework', fw, 'status', '--as-of', '2026-11-28', '--format', 'json'], {});
  const out = [];
  try {
    const ids = JSON.parse(status.stdout).indicators.map((i) => i.id);
    for (const id of ids) {
      out.push({
        name: `${fw}/explain/${id}`,
        args: ['--framework', fw, 'status', '--as-of', '2026-11-28', '--explain', id],
      });
      out.push({ name: `${fw}/history/${id}`, args: ['--framework', fw, 'history', id], columns: '120' });
      out.push({
        name: `${fw}/history/${id}.json`,
        args: ['--framework', fw, 'history', id, '--format', 'json'],
      });
    }
  } catch {}
  const variance = await run(
    ['--framework', fw, 'variance', '--as-of', '2026-11-28', '--format', 'json'],
    {},
  );
  const funding = await run(['--framework', fw, 'funding', '--as-of', '2026-11-28', '--format', 'json'], {});
  try {
    const keys = [
      ...JSON.parse(variance.stdout).rows.map((r) => r.key),
      ...JSON.parse(funding.stdout).sources.map((r) => r.key),
      ...JSON.parse(funding.stdout).contributors.map((r) => r.key),
    ].filter((k) => k !== '-');
    for (const k of new Set(keys)) {
      for (const w of WIDTHS)
        out.push({ name: `${fw}/history/${k}.${w}`, args: ['--framework', fw, 'history', k], columns: w });
      out.push({
        name: `${fw}/history/${k}.json`,
        args: ['--framework', fw, 'history', k, '--format', 'json'],
      });
    }
  } catch {}
  return out;
}

function run(args, { columns, cwd }) {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC', LANG: 'C.UTF-8' };
    delete env.NEASPEC_TRACK_FRAMEWORK;
    if (columns) env.COLUMNS = columns;
    else delete env.COLUMNS;
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** A zip's entries as text, in name order, with creation and modification times blanked. */
function unzipText(file) {
  return zipText(readFileSync(file));
}

/** Random relationship ids (docx's charts) are blanked too; an embedded workbook is unzipped in turn. */
function zipText(bytes) {
  const entries = unzipSync(bytes);
  return Object.keys(entries)
    .sort()
    .map((name) => {
      if (name.endsWith('.xlsx')) return `--- ${name}\n${zipText(entries[name])}`;
      const text = Buffer.from(entries[name])
        .toString('utf8')
        .replace(/rId[A-Za-z0-9_-]{15,}/g, 'rId-random')
        .replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '<dcterms:$1/>')
        .replace(/<(created|modified)>[^<]*<\/\1>/g, '<$1/>');
      return `--- ${name}\n${text}`;
    })
    .join('\n');
}

async function record(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'neaspec-snap-'));
  const all = cases();
  for (const fw of FRAMEWORKS) all.push(...(await idCases(fw)));
  let next = 0;
  let n = 0;
  async function worker() {
    while (next < all.length) {
      const c = all[next++];
      const outBase = path.join(scratch, String(n++));
      const args = c.args.map((a) => a.replace('{OUT}', outBase));
      const r = await run(args, c);
      let body = `exit ${r.code}\n--- stdout\n${r.stdout.replaceAll(outBase, 'OUT')}\n--- stderr\n${r.stderr.replaceAll(outBase, 'OUT')}\n`;
      if (c.file) {
        const f = `${outBase}.${c.file === 'text' ? 'csv' : c.file}`;
        try {
          body += `--- file\n${c.file === 'text' ? readFileSync(f, 'utf8') : unzipText(f)}\n`;
        } catch (e) {
          body += `--- file\n(none: ${e.code ?? e.message})\n`;
        }
      }
      const target = path.join(dir, `${c.name.replaceAll('/', '__')}.out`);
      writeFileSync(target, body);
    }
  }
  await Promise.all([worker(), worker(), worker()]);
  rmSync(scratch, { recursive: true, force: true });
  console.log(`${all.length} cases recorded in ${dir}`);
}

function compare(a, b) {
  const left = new Set(readdirSync(a));
  const right = new Set(readdirSync(b));
  const differ = [];
  for (const f of [...new Set([...left, ...right])].sort()) {
    if (!left.has(f) || !right.has(f)) differ.push(`${f}: only in ${left.has(f) ? a : b}`);
    else if (readFileSync(path.join(a, f), 'utf8') !== readFileSync(path.join(b, f), 'utf8')) differ.push(f);
  }
  for (const d of differ) console.log(d);
  console.log(`${differ.length} of ${new Set([...left, ...right]).size} cases differ`);
  return differ.length === 0 ? 0 : 1;
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'record' && rest.length === 1) await record(path.resolve(rest[0]));
else if (mode === 'compare' && rest.length === 2) process.exitCode = compare(rest[0], rest[1]);
else {
  console.error('usage: snapshot-outputs.mjs record DIR | compare DIR-BEFORE DIR-AFTER');
  process.exitCode = 2;
}
