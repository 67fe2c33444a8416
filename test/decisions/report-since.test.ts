import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/**
 * `report --since` and the decision sections of every format, on the report fixture
 * (test/report/fixture, as of 2026-07-01) with two meetings, a revision and narratives.
 */

const tmp = tempDir('neaspec-since-');
const fw = path.join(tmp.dir, 'fw');
afterAll(() => tmp.cleanup());

beforeAll(() => {
  cpSync('test/report/fixture', fw, { recursive: true });
  const plan = readFileSync(path.join(fw, 'plan.yaml'), 'utf8').replace(
    '  currency: USD\n',
    '  currency: USD\n  meetings:\n    - {id: SOM-1, date: 2026-03-31}\n    - {id: SOM-2, date: 2026-07-01}\n',
  );
  writeFileSync(
    path.join(fw, 'plan.yaml'),
    `${plan}
revisions:
  - {id: R1, date: 2026-05-01, meeting: SOM-1, title: Targets revised, targets: {AP.O1.1-a: {2027: 10}}, planned: {B-AP-1: {2027: 40000}}}
narratives:
  - {about: AP, date: 2026-06-15, text: "Met <script>alert(1)</script> and [read](javascript:x) **this**."}
  - {about: AP, date: 2026-08-01, text: Later text}
`,
  );
});

const report = (args: string[]) => runCli(['--framework', fw, 'report', '--as-of', '2026-07-01', ...args]);
const json = async (args: string[]) => {
  const r = await report([...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
};

describe('report --since', () => {
  it('defaults to the latest meeting strictly before D (SOM-1, not SOM-2 held on D)', async () => {
    const j = await json([]);
    expect(j.since).toMatchObject({ date: '2026-03-31', meeting: 'SOM-1', revisions: ['R1'] });
    // Spending in (03-31, 07-01]: B-AP-1 3,000.50 (06-20 in the fixture) … worked in since.test.ts;
    // here the shape: money as numbers, newResults a count.
    expect(typeof j.since.spent).toBe('number');
    expect(typeof j.since.newResults).toBe('number');
    expect(j.revisions).toEqual([
      {
        id: 'R1',
        date: '2026-05-01',
        meeting: 'SOM-1',
        title: 'Targets revised',
        reason: null,
        changes: [
          { kind: 'target', id: 'AP.O1.1-a', year: 2027, from: 8, to: 10 },
          { kind: 'planned', id: 'B-AP-1', year: 2027, from: 36500, to: 40000 },
        ],
      },
    ]);
    // The narrative dated 08-01 is after D: the 06-15 text stands.
    expect(j.narratives.map((n: { date: string }) => n.date)).toEqual(['2026-06-15']);
  });

  it('a meeting id or a date; nothing to compare with before the first meeting', async () => {
    expect((await json(['--since', 'SOM-1'])).since).toMatchObject({ date: '2026-03-31', meeting: 'SOM-1' });
    expect((await json(['--since', '2026-06-30'])).since).toMatchObject({
      date: '2026-06-30',
      meeting: null,
    });
    const early = await runCli(['--framework', fw, 'report', '--as-of', '2026-03-31', '--format', 'json']);
    expect(JSON.parse(early.stdout).since).toBeNull();
  });

  it('an unknown meeting, a bad date or a day not before D is a usage error (exit 2)', async () => {
    const unknown = await report(['--since', 'SOM-3']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--since "SOM-3" is neither a date (YYYY-MM-DD) nor a meeting (SOM-1, SOM-2)',
    );
    const late = await report(['--since', 'SOM-2']);
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('--since SOM-2 (2026-07-01) is not before the report date 2026-07-01');
    expect((await report(['--since', '2026-02-30'])).code).toBe(2);
  });

  it('text, md and html carry the since section, the revisions in force and the narrative, safely', async () => {
    const text = (await report([])).stdout;
    expect(text).toContain('SINCE SOM-1 (2026-03-31)');
    expect(text).toContain('REVISIONS IN FORCE');
    expect(text).toContain('• AP.O1.1-a target 2027: 8 → 10');
    expect(text).toContain('Met <script>alert(1)</script> and read (javascript:x) this.');
    const md = (await report(['--format', 'md'])).stdout;
    expect(md).toContain('## Since SOM-1 (2026-03-31)');
    expect(md).toContain('## Revisions in force');
    expect(md).toContain('Met &lt;script&gt;alert(1)&lt;/script&gt; and read **this**.');
    const html = (await report(['--format', 'html'])).stdout;
    expect(html).toContain('<h2>Since SOM-1 (2026-03-31)</h2>');
    expect(html).toContain('Met &lt;script&gt;alert(1)&lt;/script&gt; and read <strong>this</strong>.');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<script');
    expect(html).toContain('revised (R1)');
  });
});
