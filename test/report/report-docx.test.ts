import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, runCli, tempDir } from '../helpers/cli.js';
import { FIXTURE, reportOf } from './run.js';

// The Word report is read back by independent readers: pandoc (the text a reader sees) and
// Python's zipfile + ElementTree (the WordprocessingML: page size, styles, fields, shading).
// Figures are those worked by hand in report-md.test.ts for the fixture as of 2026-07-01.

/** The document's text as pandoc reads it: HTML (standalone, so the title shows) with the tags dropped. */
function pandocText(file: string): string {
  const html = execFileSync('pandoc', ['-s', '-f', 'docx', '-t', 'html', file], { encoding: 'utf8' });
  return html
    .replace(/<head>[\s\S]*<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Facts of the WordprocessingML, read with Python's standard library. */
interface DocxFacts {
  pgSz: Record<string, string>;
  styles: string[];
  instr: string[];
  footerInstr: string[];
  shaded: { text: string; fill: string }[];
  charts: DocxChart[];
  settingsUpdateFields: boolean;
}

/** A chart part: its title and each series' name, categories and values by point index. */
interface DocxChart {
  title: string;
  series: { name: string; categories: string[]; values: Record<number, number> }[];
}

const READER = `
import json, sys, zipfile
import xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
z = zipfile.ZipFile(sys.argv[1])
doc = ET.fromstring(z.read('word/document.xml'))
pg = doc.find('.//' + W + 'sectPr/' + W + 'pgSz')
out = {'pgSz': {k.replace(W, ''): v for k, v in pg.attrib.items()}}
out['styles'] = sorted({p.get(W + 'val') for p in doc.iter(W + 'pStyle')})
out['instr'] = [t.text for t in doc.iter(W + 'instrText')]
footers = [n for n in z.namelist() if n.startswith('word/footer')]
out['footerInstr'] = [t.text for f in footers for t in ET.fromstring(z.read(f)).iter(W + 'instrText')]
shaded = []
for tc in doc.iter(W + 'tc'):
    shd = tc.find(W + 'tcPr/' + W + 'shd')
    if shd is not None:
        shaded.append({'text': ''.join(t.text or '' for t in tc.iter(W + 't')), 'fill': shd.get(W + 'fill')})
out['shaded'] = shaded
C = '{http://schemas.openxmlformats.org/drawingml/2006/chart}'
A = '{http://schemas.openxmlformats.org/drawingml/2006/main}'
charts = []
names = [n for n in z.namelist() if n.startswith('word/charts/chart') and n.endswith('.xml')]
for n in sorted(names, key=lambda n: int(n[len('word/charts/chart'):-4])):
    r = ET.fromstring(z.read(n))
    series = []
    for ser in r.iter(C + 'ser'):
        series.append({
            'name': ''.join(v.text for v in ser.find(C + 'tx').iter(C + 'v')),
            'categories': [p.find(C + 'v').text for p in ser.find(C + 'cat').iter(C + 'pt')],
            'values': {p.get('idx'): float(p.find(C + 'v').text) for p in ser.find(C + 'val').iter(C + 'pt')},
        })
    charts.append({'title': ''.join(t.text or '' for t in r.find('.//' + C + 'title').iter(A + 't')), 'series': series})
out['charts'] = charts
settings = ET.fromstring(z.read('word/settings.xml'))
out['settingsUpdateFields'] = settings.find(W + 'updateFields') is not None
print(json.dumps(out))
`;

function docxFacts(file: string): DocxFacts {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', READER, file], { encoding: 'utf8' }));
}

describe('report --format docx', () => {
  const tmp = tempDir('neaspec-docx-');
  const file = path.join(tmp.dir, 'report.docx');
  let text = '';
  let facts: DocxFacts;
  beforeAll(async () => {
    const r = await runCli([
      '--framework',
      FIXTURE,
      'report',
      '--as-of',
      '2026-07-01',
      '--format',
      'docx',
      '--out',
      file,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`wrote ${file}\n`);
    text = pandocText(file);
    facts = docxFacts(file);
  });
  afterAll(() => tmp.cleanup());

  it('carries the hand-worked figures (pandoc reads them back)', () => {
    for (const s of [
      'Fixture Plan 2026–2027',
      'report-fixture (2026–2027, USD)',
      '10 (5 results, 5 spending)',
      'Indicators: 4 — 1 on track, 1 at risk, 1 off track, 1 no data; 0 achieved their final target.',
      'Overdue: 1 indicator',
      'planned to date USD 36,798.90 against actual USD 23,500.50 — execution 63.9% (planned total USD 147,600.00)',
      'Off track: NC.O1-b Degraded habitat',
      'At risk: NC.O1-a Joint habitat strategy',
      // AP.O1.1-a: baseline 0, expected 1.98, actual 2, final 8, on track, trend up/better.
      'AP.O1.1-a Policy reports published (reports; latest 2026-Q2)',
      '0 1.98 2 8 On track ▲ better',
      // AP.O1-b: no data, overdue; percent.
      '20% — — 60% No data, overdue',
      // NC.O1-a milestone: not started → drafted, expected endorsed, final implemented.
      'not started endorsed drafted implemented At risk',
      // NC.O1-b: baseline 100, expected 90.08, actual 99, final 60, off track, worse.
      '100 90.08 99 60 Off track ▲ worse',
      'planned total 93,000.00 · planned to date 23,186.30 · actual 20,000.50 · variance 3,185.80 · execution 86.3%',
      'AP Air pollution 93,000.00 23,186.30 20,000.50 3,185.80 86.3% 72,999.50',
      'NC Nature conservation 40,000.00 9,972.60 2,500.00 7,472.60 25.1% 37,500.00',
      '(no programme) 14,600.00 3,640.00 1,000.00 2,640.00 27.5% 13,600.00',
      'Total 147,600.00 36,798.90 23,500.50 13,298.40 63.9% 124,099.50',
      'CORE Core Fund 127,600.00 31,812.60 18,500.50 13,312.10 58.2% 109,099.50',
      'ROK Republic of Korea contribution 20,000.00 4,986.30 5,000.00 -13.70 100.3% 15,000.00',
      '2 ledger entries (1 result, 1 spending) are marked "source: illustrative"',
      'test/report/fixture/budget.yaml:27:7',
      '(line-no-result)',
      '(outcome-no-indicator)',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('has every figure of the Markdown report (the same ReportData)', async () => {
    const md = await reportOf('md');
    const figures = new Set(md.match(/-?\d[\d,]*(?:\.\d+)?%?/g) ?? []);
    expect(figures.size).toBeGreaterThan(40);
    const missing = [...figures].filter((f) => !text.includes(f));
    expect(missing).toEqual([]);
  });

  it('is A4 portrait, in Word heading styles, with a table of contents and page numbers', () => {
    // A4 is 210 × 297 mm = 11906 × 16838 twentieths of a point.
    expect(facts.pgSz).toMatchObject({ w: '11906', h: '16838', orient: 'portrait' });
    expect(facts.styles).toEqual(expect.arrayContaining(['Title', 'Heading1', 'Heading2']));
    expect(facts.instr.some((i) => /^\s*TOC\b.*\\o "1-2"/.test(i))).toBe(true);
    expect(facts.footerInstr.map((i) => i.trim())).toEqual(expect.arrayContaining(['PAGE', 'NUMPAGES']));
    expect(facts.settingsUpdateFields).toBe(true);
    // The TOC is written with its entries (pandoc sees them before the first heading's text).
    expect(text.indexOf('Data-quality notes')).toBeLessThan(text.indexOf('Indicators: 4'));
  });

  it('writes each status as words on a shaded cell', () => {
    const fillOf = (t: string) => facts.shaded.find((c) => c.text === t)?.fill;
    expect(fillOf('On track')).toBe('D5ECD6');
    expect(fillOf('At risk')).toBe('FBE5BF');
    expect(fillOf('Off track')).toBe('F6CCCC');
    expect(fillOf('No data, overdue')).toBe('E3E5E8');
    expect(fillOf('On track: 1')).toBe('D5ECD6');
    const fills = new Set(['D5ECD6', 'FBE5BF', 'F6CCCC', 'E3E5E8']);
    // Every status-shaded cell says its status in words.
    for (const c of facts.shaded.filter((x) => fills.has(x.fill))) {
      expect(c.text).toMatch(/^(On track|At risk|Off track|No data)/);
    }
  });

  it('draws the charts as Word charts, with the report data as their values', () => {
    const charts = facts.charts;
    expect(charts.map((c) => c.title)).toEqual([
      'Indicators by status',
      'AP: progress against the expected value',
      'NC: progress against the expected value',
      'Budget execution by programme area',
      'Planned, pledged and received by funding source (USD)',
    ]);
    const [status, ap, nc, exec] = charts as DocxChart[];
    expect(status?.series[0]).toMatchObject({
      categories: ['On track', 'At risk', 'Off track', 'No data'],
      values: { 0: 1, 1: 1, 2: 1, 3: 1 },
    });
    // AP.O1-b has no data: no column. AP.O1.1-a: 2 / 1.98356 = 1.0083.
    expect(ap?.series[0]?.categories).toEqual(['AP.O1-b', 'AP.O1.1-a']);
    expect(Object.keys(ap?.series[0]?.values ?? {})).toEqual(['1']);
    expect(ap?.series[0]?.values[1]).toBeCloseTo(2 / (4 * (181 / 365)), 10);
    // NC.O1-a 1/2; NC.O1-b (99 − 100) / (90.0822 − 100).
    expect(nc?.series[0]?.values[0]).toBe(0.5);
    expect(nc?.series[0]?.values[1]).toBeCloseTo(-1 / (-20 * (181 / 365)), 10);
    // Execution: 20,000.50 / 23,186.30; 2,500.00 / 9,972.60; 1,000.00 / 3,640.00.
    expect(exec?.series[0]?.categories).toEqual([
      'AP Air pollution',
      'NC Nature conservation',
      '(no programme)',
    ]);
    expect(exec?.series[0]?.values[0]).toBeCloseTo(20000.5 / 23186.3, 12);
    expect(exec?.series[0]?.values[1]).toBeCloseTo(2500 / 9972.6, 12);
    expect(exec?.series[0]?.values[2]).toBeCloseTo(1000 / 3640, 12);
    // Resources: CORE 36,500 × 2 + 20,000 × 2 + 7,300 × 2 = 127,600; ROK 10,000 × 2 = 20,000; nothing pledged.
    const resources = charts[4];
    expect(resources?.series.map((x) => [x.name, x.categories, x.values])).toEqual([
      ['Planned', ['CORE', 'ROK'], { 0: 127600, 1: 20000 }],
      ['Pledged', ['CORE', 'ROK'], { 0: 0, 1: 0 }],
      ['Received', ['CORE', 'ROK'], { 0: 0, 1: 0 }],
    ]);
    expect(exec?.series[1]).toMatchObject({ name: '100% of planned to date', values: { 0: 1, 1: 1, 2: 1 } });
  });

  it('from the built binary: a file named for the plan and date, never bytes on the terminal', () => {
    const r = runBin(
      ['--framework', path.resolve(FIXTURE), 'report', '--as-of', '2026-07-01', '--format', 'docx'],
      {
        cwd: tmp.dir,
      },
    );
    expect(r.stderr).toBe('wrote report-fixture-report-2026-07-01.docx\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = path.join(tmp.dir, 'report-fixture-report-2026-07-01.docx');
    expect(existsSync(written)).toBe(true);
    expect(readFileSync(written).subarray(0, 2).toString()).toBe('PK');
    expect(pandocText(written)).toContain('Total 147,600.00 36,798.90 23,500.50 13,298.40 63.9% 124,099.50');
  });
});

describe('report --format docx: decisions and narratives', () => {
  // The report fixture with a meeting (SOM-1, 2026-03-31), a revision taken there (R1, in force
  // from 2026-05-01: AP.O1.1-a's 2027 target 8 → 10, B-AP-1's 2027 money 36,500 → 40,000) and
  // narratives about the plan, AP and AP.O1.1-a; as of 2026-07-01 the report compares with SOM-1.
  const tmp = tempDir('neaspec-docx-decisions-');
  const fw = path.join(tmp.dir, 'fw');
  const file = path.join(tmp.dir, 'd.docx');
  let text = '';
  let xml = '';
  beforeAll(async () => {
    cpSync(FIXTURE, fw, { recursive: true });
    const plan = readFileSync(path.join(fw, 'plan.yaml'), 'utf8').replace(
      '  currency: USD\n',
      '  currency: USD\n  meetings:\n    - {id: SOM-1, date: 2026-03-31, title: First meeting}\n',
    );
    writeFileSync(
      path.join(fw, 'plan.yaml'),
      `${plan}
revisions:
  - {id: R1, date: 2026-05-01, meeting: SOM-1, title: Targets revised, reason: More reports asked for, targets: {AP.O1.1-a: {2027: 10}}, planned: {B-AP-1: {2027: 40000}}}

narratives:
  - about: plan
    date: 2026-06-01
    text: The plan **advances** on _every_ front.
  - about: AP
    date: 2026-06-15
    text: |
      Two things happened:

      - the committee met
      - a report went out
  - about: AP.O1.1-a
    date: 2026-06-20
    text: Reports are [published online](https://example.org/reports); <b>raw HTML</b> stays text.
`,
    );
    const budget = path.join(fw, 'budget.yaml');
    writeFileSync(
      budget,
      readFileSync(budget, 'utf8').replace(
        '  lines:',
        '  contributors:\n    - { id: KR, title: Republic of Korea }\n  lines:',
      ),
    );
    const ledger = path.join(fw, 'progress/2026.yaml');
    writeFileSync(
      ledger,
      `${readFileSync(ledger, 'utf8')}  - { pledge: CORE, from: KR, year: 2026, amount: 10000, date: 2026-02-01 }
  - { contribution: CORE, from: KR, amount: 4000, date: 2026-03-01 }
`,
    );
    const r = await runCli([
      '--framework',
      fw,
      'report',
      '--as-of',
      '2026-07-01',
      '--format',
      'docx',
      '--out',
      file,
    ]);
    expect(r.stderr).toBe(`wrote ${file}\n`);
    expect(r.code).toBe(0);
    text = pandocText(file);
    xml = execFileSync('/usr/bin/python3', ['-c', READ_PART, file, 'word/document.xml'], {
      encoding: 'utf8',
    });
  });
  afterAll(() => tmp.cleanup());

  it('has the since-last-meeting section and the revisions in force, with the revised marks', () => {
    expect(text).toContain('Since SOM-1 (2026-03-31)');
    // Every indicator had no data on 2026-03-31 (the first entry is dated 2026-04-10).
    expect(text).toContain(
      'Status changes: no data → on track: AP.O1.1-a; no data → at risk: NC.O1-a; no data → off track: NC.O1-b.',
    );
    expect(text).toContain('Revisions in force');
    expect(text).toContain('R1 (2026-05-01, SOM-1): Targets revised — More reports asked for');
    expect(text).toContain('AP.O1.1-a target 2027: 8 → 10');
    expect(text).toContain('B-AP-1 planned 2027: USD 36,500.00 → 40,000.00');
    expect(text).toContain('revised (R1)');
    // AP's planned total as revised: 36,500 + 40,000 + 10,000 + 10,000 = 96,500.00; as written 93,000.00.
    expect(text).toContain('planned total 96,500.00');
    expect(text).toContain('revised (R1): planned total as written 93,000.00');
  });

  it('has the Resources section: by source, and the status of contributions in words on shaded cells', () => {
    // KR pledged 10,000.00 to CORE for 2026 and paid 4,000.00 (40.0%): 6,000.00 outstanding.
    // CORE planned (as revised): B-AP-1 36,500 + 40,000, B-NC-1 40,000, B-GEN 14,600 = 131,100.00;
    // gap 131,100 − 10,000 = 121,100.00; spent by 2026-07-01 15,000.50 + 2,500.00 + 1,000.00 = 18,500.50;
    // cash balance 0 + 4,000 − 18,500.50 = −14,500.50.
    expect(text).toContain(
      'Pledged USD 10,000.00, received USD 4,000.00 (40.0% of pledges), outstanding USD 6,000.00. Funding gap USD',
    );
    expect(text).toContain(
      'CORE Core Fund 131,100.00 10,000.00 4,000.00 6,000.00 121,100.00 0.00 18,500.50 -14,500.50',
    );
    expect(text).toContain('KR Republic of Korea 2026 10,000.00 4,000.00 6,000.00 paid in part');
    expect(xml).toMatch(/<w:shd [^>]*w:fill="FBE5BF"[^>]*\/>(?:(?!<\/w:tc>).)*paid in part/s);
  });

  it('puts each narrative beside what it is about, with its emphasis, lists and links', () => {
    // Headings first appear in the table of contents: the body's are the last occurrence.
    const at = (s: string) => text.lastIndexOf(s);
    expect(text.indexOf('narrative of 2026-06-01')).toBeGreaterThan(text.indexOf('Missing:'));
    expect(text.indexOf('narrative of 2026-06-01')).toBeLessThan(at('Since SOM-1'));
    expect(text).toContain('The plan advances on every front.');
    expect(at('AP — Air pollution')).toBeLessThan(at('Two things happened:'));
    expect(at('Two things happened:')).toBeLessThan(at('NC — Nature conservation'));
    expect(text).toContain('AP.O1.1-a — narrative of 2026-06-20');
    // (The link is an element of its own in pandoc's HTML: a space stands where its tags were.)
    expect(text).toContain('Reports are published online');
    expect(text).toContain('<b>raw HTML</b> stays text.');
    expect(xml).toMatch(/<w:b\/>.*?advances/s);
    expect(xml).toMatch(/<w:numPr>.*?the committee met/s);
    const rels = execFileSync('/usr/bin/python3', ['-c', READ_PART, file, 'word/_rels/document.xml.rels'], {
      encoding: 'utf8',
    });
    expect(rels).toContain('Target="https://example.org/reports"');
  });
});

const READ_PART =
  'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())';
