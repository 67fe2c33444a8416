import { existsSync, mkdirSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaRef } from '../../src/ledger/target.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, PLAN, read, snapshot } from './fixture.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function fw(files: Record<string, string> = {}): string {
  const f = makeFramework(files);
  cleanups.push(f.cleanup);
  return f.dir;
}

// Today is the plan's last day, so every plan date is in the past; tests of the future set their own.
const TODAY = '2028-12-31';
const rec = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}, today = TODAY) =>
  runCli(['--framework', dir, 'record', ...args], { cwd: dir, env, today });

describe('record appends one flow line and keeps every existing byte', () => {
  it('appends a result to progress/2026.yaml after the closing comment', async () => {
    const dir = fw();
    const r = await rec(dir, [
      'result',
      'N-a',
      '2',
      '--period',
      '2026',
      '--country',
      'MN',
      '--date',
      '2026-09-30',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const line = '  - {indicator: N-a, period: 2026, value: 2, country: MN, date: 2026-09-30}\n';
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026 + line);
    // LEDGER_2026 has 9 lines (the last is the `# end of file` comment), so the entry is line 10.
    // Then N-a's standing figure: the 2026 total entry (1) wins over the per-value MN 2, so 1 → 1;
    // expected 2 at the end of 2026: progress 0.5, at-risk.
    expect(r.stdout).toBe(
      `recorded progress/2026.yaml:10: ${line.trim().slice(2)}\nN-a: 1 → 1 of 6 by 2028 — at-risk\n`,
    );
  });

  it("removes the temporary file a killed writer left, but not a live process's", async () => {
    const dir = fw();
    // pid 2147483646 runs nowhere; this test's own pid does.
    const dead = path.join(dir, 'progress', '.2026.yaml.2147483646.deadbeef.tmp');
    const live = path.join(dir, 'progress', `.2026.yaml.${process.pid}.cafe0123.tmp`);
    writeFileSync(dead, 'half a ledg');
    writeFileSync(live, 'being written');
    const r = await rec(dir, ['spend', 'B-1', '10.00', '--date', '2026-05-02']);
    expect(r.code).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('writes the amount text exactly as typed (12500.00 stays 12500.00), and quotes a note only when needed', async () => {
    const dir = fw();
    const r = await rec(dir, ['spend', 'B-1', '12500.00', '--date', '2026-05-12', '--note', 'SPC-7: venue']);
    expect(r.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-05-12, amount: 12500.00, note: 'SPC-7: venue'}\n`,
    );
  });

  it('adds the missing final newline before the entry, changing nothing else', async () => {
    const old = LEDGER_2026.trimEnd();
    const dir = fw({ 'progress/2026.yaml': old });
    expect((await rec(dir, ['spend', 'B-1', '5', '--date', '2026-05-12'])).code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(`${old}\n  - {spend: B-1, date: 2026-05-12, amount: 5}\n`);
  });

  it('creates progress/<year>.yaml with a header when the year has no file; no schema line when the framework has none', async () => {
    const dir = fw();
    const r = await rec(dir, ['spend', 'B-1', '-40', '--date', '2027-01-04', '--currency', 'USD']);
    expect(r.code).toBe(0);
    const text = read(dir, 'progress/2027.yaml');
    const lines = text.split('\n');
    // No path into this machine's copy of the package: it would be wrong once the file is committed.
    expect(text).not.toMatch(/\$schema=/);
    expect(lines.slice(0, 4).every((l) => l.startsWith('# '))).toBe(true);
    expect(lines.slice(2, 4).join(' ')).toMatch(/neaspec-track schema > framework\.schema\.json/);
    expect(lines.slice(4).join('\n')).toBe(
      'progress:\n  - {spend: B-1, date: 2027-01-04, amount: -40, currency: USD}\n',
    );
    // 4 header lines and `progress:`: the entry is line 6.
    expect(r.stdout).toBe(
      'recorded progress/2027.yaml:6 (new file): {spend: B-1, date: 2027-01-04, amount: -40, currency: USD}\n',
    );
    // The created file is a valid part of the framework.
    expect((await runCli(['validate', dir], { cwd: dir })).code).toBe(0);
  });

  it("copies the schema line of the framework's own files, re-anchoring a relative path to progress/", async () => {
    // plan.yaml (in the framework root) points at schema/fw.json below the root; from progress/ that is ../schema/fw.json.
    const dir = fw({ 'plan.yaml': `# yaml-language-server: $schema=schema/fw.json\n${PLAN}` });
    expect((await rec(dir, ['spend', 'B-1', '1', '--date', '2027-01-04'])).code).toBe(0);
    const lines = read(dir, 'progress/2027.yaml').split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schema/fw.json');
    // Header: the schema line and 2 comments, then `progress:`: the entry is line 5.
    expect(lines[4]).toBe('  - {spend: B-1, date: 2027-01-04, amount: 1}');
  });

  it('prefers the schema line of a ledger file beside the new one, and copies a URL as it is', async () => {
    const dir = fw({
      'plan.yaml': `# yaml-language-server: $schema=../elsewhere.json\n${PLAN}`,
      'progress/2026.yaml': `# yaml-language-server: $schema=https://example.org/fw.schema.json\n${LEDGER_2026}`,
    });
    expect((await rec(dir, ['spend', 'B-1', '1', '--date', '2027-01-04'])).code).toBe(0);
    expect(read(dir, 'progress/2027.yaml').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://example.org/fw.schema.json',
    );
  });

  it('defaults the date to today', async () => {
    const dir = fw();
    const r = await runCli(['--framework', dir, 'record', 'spend', 'B-1', '1'], {
      cwd: dir,
      today: '2026-10-01',
    });
    expect(r.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-10-01, amount: 1}\n`,
    );
  });

  it('records a milestone by level name, a percent by numerator and denominator, and --dim', async () => {
    const dir = fw();
    expect(
      (await rec(dir, ['result', 'MS', 'drafted', '--period', '2026', '--date', '2026-06-01'])).code,
    ).toBe(0);
    expect(
      (
        await rec(dir, [
          'result',
          'PCT',
          '--numerator',
          '41',
          '--denominator',
          '120',
          '--period',
          '2026',
          '--date',
          '2026-12-20',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await rec(dir, [
          'result',
          'N-a',
          '1',
          '--period',
          '2027',
          '--dim',
          'country=CN',
          '--date',
          '2027-02-01',
        ])
      ).code,
    ).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {indicator: MS, period: 2026, value: drafted, date: 2026-06-01}\n` +
        '  - {indicator: PCT, period: 2026, numerator: 41, denominator: 120, date: 2026-12-20}\n',
    );
    expect(read(dir, 'progress/2027.yaml')).toMatch(
      /\n {2}- \{indicator: N-a, period: 2027, value: 1, country: CN, date: 2027-02-01\}\n$/,
    );
  });

  it('accepts a correction of an existing key with --corrects', async () => {
    const dir = fw();
    const r = await rec(dir, [
      'result',
      'N-a',
      '3',
      '--period',
      '2026',
      '--date',
      '2026-06-01',
      '--corrects',
    ]);
    expect(r.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {indicator: N-a, period: 2026, value: 3, date: 2026-06-01, corrects: true}\n`,
    );
  });

  it('warns (and records) when --corrects has nothing to correct', async () => {
    const dir = fw();
    const r = await rec(dir, [
      'result',
      'N-a',
      '3',
      '--period',
      '2027',
      '--date',
      '2027-06-01',
      '--corrects',
    ]);
    expect(r.code).toBe(0);
    // The new file: 4 header comment lines (no schema line: the fixture has none), `progress:`, the entry on line 6.
    expect(r.stderr).toMatch(/^progress\/2027\.yaml:6:\d+: warning corrects-nothing /);
  });

  it('appends to the progress list of a single-file framework', async () => {
    const dir = fw();
    const file = path.join(dir, 'single.yaml');
    const text = `${read(dir, 'plan.yaml')}\n${read(dir, 'budget.yaml')}\n# the ledger\nprogress:\n  - {spend: B-1, date: 2026-02-01, amount: 1}\n`;
    writeFileSync(file, text);
    const r = await runCli(['--framework', file, 'record', 'spend', 'B-1', '2', '--date', '2027-03-01'], {
      cwd: dir,
      today: TODAY,
    });
    expect(r.code).toBe(0);
    expect(read(dir, 'single.yaml')).toBe(`${text}  - {spend: B-1, date: 2027-03-01, amount: 2}\n`);
  });
});

describe('a refused record exits 1 (invalid) or 2 (malformed) and leaves every file as it was', () => {
  const refusals: [string, string[], 1 | 2, RegExp][] = [
    [
      'a duplicate key without --corrects',
      ['result', 'N-a', '2', '--period', '2026', '--date', '2026-05-01'],
      1,
      /duplicate-entry .*first is at progress\/2026\.yaml:4/,
    ],
    [
      'an unknown indicator',
      ['result', 'N-b', '2', '--period', '2026', '--date', '2026-05-01'],
      1,
      /unknown-indicator .*did you mean "N-a"/,
    ],
    ['an unknown budget line', ['spend', 'B-2', '2', '--date', '2026-05-01'], 1, /unknown-line/],
    [
      'a period against the frequency',
      ['result', 'N-a', '2', '--period', '2026-Q3', '--date', '2026-10-01'],
      1,
      /period-frequency/,
    ],
    [
      'a period outside the plan',
      ['result', 'N-a', '2', '--period', '2029', '--date', '2028-12-31'],
      1,
      /period-outside-plan/,
    ],
    [
      'a date before the period starts',
      ['result', 'Q-a', '2', '--period', '2026-Q3', '--date', '2026-06-30'],
      1,
      /date-before-period/,
    ],
    ['too many decimal places', ['spend', 'B-1', '10.005', '--date', '2026-05-01'], 1, /decimal-places/],
    [
      'decimals in a currency without them',
      ['spend', 'B-1', '1000.5', '--currency', 'KRW', '--date', '2026-05-01'],
      1,
      /decimal-places .*KRW/,
    ],
    [
      'a currency without a rate',
      ['spend', 'B-1', '1000', '--currency', 'KRW', '--date', '2027-05-01'],
      1,
      /rate-missing/,
    ],
    [
      'a currency that is not ISO 4217',
      ['spend', 'B-1', '1000', '--currency', 'XYZ', '--date', '2026-05-01'],
      1,
      /unknown-currency/,
    ],
    [
      'spending outside the plan years',
      ['spend', 'B-1', '5', '--date', '2025-12-31'],
      1,
      /spend-outside-plan/,
    ],
    [
      'a dimension value not in the plan',
      ['result', 'N-a', '2', '--period', '2027', '--country', 'JP', '--date', '2027-05-01'],
      1,
      /dimension-value/,
    ],
    [
      'a dimension the indicator lacks',
      ['result', 'Q-a', '2', '--period', '2027-Q1', '--country', 'MN', '--date', '2027-05-01'],
      1,
      /not-disaggregated/,
    ],
    [
      'an unknown milestone level',
      ['result', 'MS', 'finished', '--period', '2026', '--date', '2026-05-01'],
      1,
      /milestone-level/,
    ],
    [
      'a percent over 100',
      ['result', 'PCT', '120', '--period', '2026', '--date', '2026-05-01'],
      1,
      /percent-range/,
    ],
    [
      'a numerator over the denominator',
      ['result', 'PCT', '--numerator', '5', '--denominator', '4', '--period', '2026', '--date', '2026-05-01'],
      1,
      /percent-range/,
    ],
    [
      'numerator and denominator on a number indicator',
      ['result', 'N-a', '--numerator', '1', '--denominator', '4', '--period', '2027', '--date', '2027-05-01'],
      1,
      /ratio-not-percent/,
    ],
    [
      'an impossible date',
      ['result', 'N-a', '2', '--period', '2027', '--date', '2027-02-30'],
      2,
      /--date "2027-02-30" is not a calendar date/,
    ],
    [
      'a value that is not a number',
      ['result', 'N-a', 'abc', '--period', '2027', '--date', '2027-05-01'],
      2,
      /VALUE "abc" is not a plain decimal/,
    ],
    [
      'a value in exponent form',
      ['result', 'N-a', '1e999', '--period', '2027', '--date', '2027-05-01'],
      2,
      /VALUE "1e999"/,
    ],
    [
      'an amount that is not a number',
      ['spend', 'B-1', '12,500', '--date', '2026-05-01'],
      2,
      /AMOUNT "12,500"/,
    ],
    [
      'an amount a YAML number cannot hold exactly',
      ['spend', 'B-1', '12345678901234567.89', '--date', '2026-05-01'],
      2,
      /significant digits/,
    ],
    [
      'a malformed period',
      ['result', 'N-a', '2', '--period', '2026-Q5', '--date', '2026-05-01'],
      2,
      /--period "2026-Q5"/,
    ],
    ['a missing --period', ['result', 'N-a', '2', '--date', '2026-05-01'], 2, /--period/],
    [
      'VALUE and a numerator',
      ['result', 'PCT', '5', '--numerator', '1', '--denominator', '2', '--period', '2026'],
      2,
      /not both/,
    ],
    ['neither VALUE nor a numerator', ['result', 'PCT', '--period', '2026'], 2, /give VALUE/],
    [
      'a malformed --dim',
      ['result', 'N-a', '1', '--period', '2027', '--dim', 'country'],
      2,
      /--dim "country" is not name=value/,
    ],
    ['a lower-case currency', ['spend', 'B-1', '1', '--currency', 'usd'], 2, /--currency "usd"/],
  ];
  for (const [what, args, code, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const dir = fw();
      const before = snapshot(dir);
      const r = await rec(dir, args);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('shows the would-be line with a caret, in the validate text format', async () => {
    const dir = fw();
    const r = await rec(dir, ['spend', 'B-1', '10.005', '--date', '2026-05-01']);
    // The entry would be line 10 (LEDGER_2026 has 9). Columns: `  - {` is 5 characters,
    // `spend: B-1, ` 12 (17), `date: 2026-05-01, ` 18 (35), `amount: ` 8 (43): the value starts at 44.
    expect(r.stderr).toBe(
      'progress/2026.yaml:10:44: error decimal-places 10.005 has more decimal places than USD allows (2)\n' +
        '   10 |   - {spend: B-1, date: 2026-05-01, amount: 10.005}\n' +
        `      | ${' '.repeat(43)}^\n` +
        'neaspec-track: refused: the entry would make the framework invalid (1 error); nothing was recorded\n',
    );
  });

  it('refuses to record into a framework that already has errors', async () => {
    const dir = fw({ 'progress/2027.yaml': 'progress:\n  - {spend: B-9, date: 2027-01-01, amount: 1}\n' });
    const before = snapshot(dir);
    const r = await rec(dir, ['spend', 'B-1', '1', '--date', '2026-05-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown-line/);
    expect(r.stderr).toMatch(/the framework already has 1 error; fix them first/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a date in the future is refused', () => {
  it('refuses a result dated after today as a usage error, writing nothing', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const r = await rec(
      dir,
      ['result', 'N-a', '1', '--period', '2028', '--date', '2028-01-01'],
      {},
      '2026-11-28',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'neaspec-track: a date in the future: --date 2028-01-01 is after today (2026-11-28); record what is known, when it is known\n',
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses spending dated tomorrow, and accepts it dated today', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const tomorrow = await rec(dir, ['spend', 'B-1', '1', '--date', '2026-11-29'], {}, '2026-11-28');
    expect(tomorrow.code).toBe(2);
    expect(tomorrow.stderr).toMatch(/a date in the future: --date 2026-11-29 is after today \(2026-11-28\)/);
    expect(snapshot(dir)).toEqual(before);
    const today = await rec(dir, ['spend', 'B-1', '1', '--date', '2026-11-28'], {}, '2026-11-28');
    expect(today.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-11-28, amount: 1}\n`,
    );
  });
});

describe('arguments that are not well-formed text', () => {
  const cases: [string, string[], string][] = [
    [
      'a replacement character in --note',
      ['spend', 'B-1', '1', '--date', '2026-05-01', '--note', 'a\uFFFDb'],
      '--note',
    ],
    [
      'a lone surrogate in --source',
      ['spend', 'B-1', '1', '--date', '2026-05-01', '--source', 'x\uD800'],
      '--source',
    ],
    [
      'a lone low surrogate in VALUE',
      ['result', 'MS', '\uDC00', '--period', '2026', '--date', '2026-05-01'],
      'VALUE',
    ],
    [
      'a replacement character in --dim',
      ['result', 'N-a', '1', '--period', '2027', '--dim', 'country=\uFFFD'],
      '--dim',
    ],
  ];
  for (const [what, args, name] of cases) {
    it(`refuses ${what}, naming the argument (exit 2)`, async () => {
      const dir = fw();
      const before = snapshot(dir);
      const r = await rec(dir, args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`neaspec-track: ${name} is not valid UTF-8 text; nothing was recorded\n`);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('accepts a surrogate pair (a character outside the BMP)', async () => {
    const dir = fw();
    const r = await rec(dir, ['spend', 'B-1', '1', '--date', '2026-05-01', '--note', 'ok \u{1F600}']);
    expect(r.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-05-01, amount: 1, note: ok \u{1F600}}\n`,
    );
  });
});

describe('the schema line of a new ledger file when no file of the framework has one', () => {
  const pkg = { packageRoot: ROOT, schemaFile: path.join(ROOT, 'schema', 'framework.schema.json') };

  it('points into the package for a framework shipped inside it', () => {
    const root = path.join(ROOT, 'frameworks', 'neaspec-2026-2030');
    const target = path.join(root, 'progress', '2031.yaml');
    // frameworks/neaspec-2026-2030/progress → up three levels to the package root, then schema/.
    expect(schemaRef(target, [], { ...pkg, root, realRoot: root })).toBe(
      '../../../schema/framework.schema.json',
    );
  });

  it('is left out for a framework outside the package', () => {
    const root = path.join(path.dirname(ROOT), 'elsewhere');
    expect(schemaRef(path.join(root, 'progress', '2031.yaml'), [], { ...pkg, root, realRoot: root })).toBe(
      undefined,
    );
  });
});

describe('choosing the framework', () => {
  it('does not fall back to the shipped framework: a directory without one is a usage error', async () => {
    const dir = fw();
    const empty = path.join(dir, 'elsewhere');
    mkdirSync(empty);
    const r = await runCli(['record', 'spend', 'B-1', '1'], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no framework in .*elsewhere; record writes only to a framework you select/);
  });

  it('records into the framework in the current directory', async () => {
    const dir = fw();
    const r = await runCli(['record', 'spend', 'B-1', '1', '--date', '2026-05-01'], { cwd: dir });
    expect(r.code).toBe(0);
  });
});

describe('the lock', () => {
  it('times out with a clear message while another writer (here an older version, whose lock is a directory) holds the lock, and writes nothing', async () => {
    const dir = fw();
    mkdirSync(path.join(dir, '.neaspec-track.lock'));
    const before = snapshot(dir);
    const r = await rec(dir, ['spend', 'B-1', '1', '--date', '2026-05-01'], {
      NEASPEC_TRACK_LOCK_TIMEOUT_MS: '200',
    });
    expect(r.code).toBe(1);
    const lock = path.join(realDir(dir), '.neaspec-track.lock');
    expect(r.stderr).toBe(
      `neaspec-track: another record has been writing to ${realDir(dir)} for 0 s; if no other neaspec-track is running, remove ${lock}\n`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('takes over a stale directory lock left by an older version that died', async () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const r = await rec(dir, ['spend', 'B-1', '1', '--date', '2026-05-01'], {
      NEASPEC_TRACK_LOCK_TIMEOUT_MS: '200',
    });
    expect(r.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock after a refusal', async () => {
    const dir = fw();
    expect((await rec(dir, ['spend', 'B-2', '1', '--date', '2026-05-01'])).code).toBe(1);
    expect(existsSync(path.join(dir, '.neaspec-track.lock'))).toBe(false);
  });
});

function realDir(dir: string): string {
  return realpathSync(dir);
}
