import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { findChromium, pngSize, runChromium } from './chromium.js';
import { reportOf } from './run.js';

// Figures of the fixture as of 2026-07-01 are worked by hand in report-md.test.ts; the same ones
// must reach the browser's DOM.

const html = () => reportOf('html');

describe('report --format html is self-contained', () => {
  it('refers to nothing outside itself', async () => {
    const out = await html();
    expect(out.startsWith('<!doctype html>')).toBe(true);
    expect(out).not.toMatch(/https?:/i);
    expect(out).not.toMatch(/\bsrc\s*=/i);
    expect(out).not.toMatch(/\bhref\s*=/i);
    expect(out).not.toMatch(/@import/i);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<link/i);
    // url( only for data: URIs
    for (const m of out.matchAll(/url\(\s*['"]?([^'")]*)/gi)) expect(m[1]).toMatch(/^data:/);
  });

  it('is laid out for A4 paper and charts every indicator', async () => {
    const out = await html();
    expect(out).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(out).toContain('@media print');
    // One bullet chart per indicator (4), one execution-bar chart.
    expect(out.match(/<svg class="bullet"/g)).toHaveLength(4);
    expect(out.match(/<svg class="exec-bars"/g)).toHaveLength(1);
    expect(out).toContain('aria-label="Chart legend"');
  });
});

const browser = findChromium();
const inCi = Boolean(process.env.CI);
if (!browser && !inCi) {
  console.warn(
    'report-html.test.ts: skipping the headless-browser tests: no chromium on PATH (Debian: apt-get install chromium). In CI they run.',
  );
}

describe.skipIf(!browser && !inCi)('report --format html in headless Chromium', () => {
  const tmp = tempDir('neaspec-report-html-');
  afterAll(() => tmp.cleanup());

  it('finds a browser (CI must have one)', () => {
    expect(
      browser,
      'chromium is not installed; CI must install it (apt-get install chromium)',
    ).not.toBeNull();
  });

  it('renders, and the figures are in the DOM', async () => {
    const file = path.join(tmp.dir, 'report.html');
    writeFileSync(file, await html());
    const r = runChromium(browser as string, ['--dump-dom', pathToFileURL(file).href]);
    expect(r.code).toBe(0);
    const dom = r.stdout;
    expect(dom).toContain('<h1>Fixture Plan 2026–2027</h1>');
    expect(dom).toContain('<dd data-fact="asOf">2026-07-01</dd>');
    expect(dom).toContain('<dd data-fact="entries">10 (5 results, 5 spending)</dd>');
    expect(dom).toContain('data-fact="indicators">4<');
    expect(dom).toContain('data-fact="overdue">1<');
    expect(dom).toContain('data-fact="execution">63.9%<');
    expect(dom).toContain('data-fact="plannedToDate">USD 36,798.90<');
    expect(dom).toContain('data-fact="actual">USD 23,500.50<');
    for (const s of ['on-track', 'at-risk', 'off-track', 'no-data']) {
      expect(dom).toContain(`data-status-count="${s}">1<`);
    }
    // Indicator rows: baseline, expected, actual, final.
    const row = (id: string) => {
      const start = dom.indexOf(`data-indicator="${id}"`);
      expect(start).toBeGreaterThan(0);
      return dom.slice(start, dom.indexOf('</tr>', start));
    };
    const cell = (id: string, col: string) => new RegExp(`data-col="${col}">([^<]*)<`).exec(row(id))?.[1];
    expect([
      cell('AP.O1.1-a', 'baseline'),
      cell('AP.O1.1-a', 'expected'),
      cell('AP.O1.1-a', 'actual'),
    ]).toEqual(['0', '1.98', '2']);
    expect(cell('AP.O1.1-a', 'final')).toBe('8');
    expect(cell('NC.O1-b', 'expected')).toBe('90.08');
    expect(cell('NC.O1-b', 'actual')).toBe('99');
    expect(cell('NC.O1-a', 'actual')).toBe('drafted');
    expect(cell('NC.O1-a', 'expected')).toBe('endorsed');
    expect(row('NC.O1-b')).toContain('Off track');
    expect(row('NC.O1-a')).toContain('At risk');
    expect(row('AP.O1-b')).toContain('No data');
    // Budget tables.
    expect(dom).toMatch(
      /data-key="AP">.*?<td class="num">93,000.00<\/td><td class="num">23,186.30<\/td><td class="num">20,000.50<\/td>/s,
    );
    expect(dom).toMatch(
      /data-key="total">.*?147,600.00.*?36,798.90.*?23,500.50.*?13,298.40.*?63.9%.*?124,099.50/s,
    );
    expect(dom).toMatch(/data-key="ROK">.*?-13.70.*?100.3%/s);
  });

  it('saves a non-empty A4-sized PNG screenshot', async () => {
    const file = path.join(tmp.dir, 'report.html');
    if (!existsSync(file)) writeFileSync(file, await html());
    const png = path.join(tmp.dir, 'report.png');
    const r = runChromium(browser as string, [
      `--screenshot=${png}`,
      '--window-size=1240,1754',
      pathToFileURL(file).href,
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(png)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(10_000);
    expect(pngSize(readFileSync(png))).toEqual({ width: 1240, height: 1754 });
  });
});

describe('report --format html keeps each heading with what follows it on paper (issue 13.6)', () => {
  it('every h2 and h3 opens a kept block with something under it, or stands right above a table', async () => {
    const out = await html();
    const heads = [...out.matchAll(/<h([23])[\s>]/g)];
    expect(heads.length).toBeGreaterThan(8);
    for (const m of heads) {
      const at = m.index as number;
      // Back over the headings just above (an h2 over an h3 is kept as one).
      let before = out.slice(0, at).trimEnd();
      while (before.endsWith('</h2>')) before = before.slice(0, before.lastIndexOf('<h2')).trimEnd();
      const after = out.slice(out.indexOf(`</h${m[1]}>`, at) + 5).trimStart();
      const head = out.slice(at, at + 60);
      if (before.endsWith('<div class="keep">')) {
        // Not a kept heading alone: a block (or a further heading) follows inside the keep.
        expect(after.startsWith('</div>'), head).toBe(false);
      } else {
        expect(after.startsWith('<table'), head).toBe(true);
      }
    }
  });
});
