import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { findChromium, runChromium } from './chromium.js';
import { printFramework } from './print-frameworks.js';

/**
 * The HTML report printed on A4 by headless Chromium, read back page by page with pdftotext: a
 * table's total is printed once (a <tfoot> would repeat on every page the table spans), and no
 * page ends with a heading whose content is on the next — for the shipped framework, a budget of
 * 150 sources (its Resources chart taller than a page), and generated frameworks with many
 * programme areas, indicators, sources and contributors, whose sections break at places that
 * move with their sizes.
 */

/** A framework whose budget by source runs over several pages: 150 sources, one line each. */
function longBudget(dir: string): string {
  const n = 150;
  const ids = Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(3, '0')}`);
  const text = [
    'plan: {id: long, title: Long budget, start: 2026, end: 2027, currency: USD}',
    'programmes: [{id: P, title: Programme}]',
    'results: [{id: P.O1, level: outcome, programme: P, title: Outcome}]',
    'indicators:',
    '  - {id: P.O1-a, result: P.O1, title: Things, unit: things, measure: number, direction: increase,',
    '     aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2027: 10}, frequency: annual}',
    'budget:',
    `  sources: [${ids.map((id) => `{id: ${id}, title: Source ${id}}`).join(', ')}]`,
    '  lines:',
    ...ids.map(
      (id) =>
        `    - {id: L-${id}, title: Line ${id}, result: P.O1, source: ${id}, planned: {2026: 1000, 2027: 1000}}`,
    ),
    '',
  ].join('\n');
  const file = path.join(dir, 'framework.yaml');
  writeFileSync(file, text);
  return file;
}

const browser = findChromium();

describe.runIf(browser !== null)('the HTML report printed on A4', () => {
  const tmp = tempDir('neaspec-print-');
  afterAll(() => tmp.cleanup());

  const pages = async (framework: string, name: string) => {
    const dir = path.join(tmp.dir, name);
    mkdirSync(dir);
    const html = path.join(dir, 'report.html');
    const pdf = path.join(dir, 'report.pdf');
    const r = await runCli([
      '--framework',
      framework,
      'report',
      '--as-of',
      '2026-11-28',
      '--format',
      'html',
      '--out',
      html,
    ]);
    expect(r.code).toBe(0);
    runChromium(browser as string, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`]);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    const texts = Array.from(
      { length: count },
      (_, i) =>
        spawnSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], {
          encoding: 'utf8',
        }).stdout,
    );
    return { html: readFileSync(html, 'utf8'), texts };
  };

  const generated = (programmes: number, indicators: number, sources: number, contributors: number) => () =>
    printFramework(path.join(tmp.dir, `fw-${programmes}-${indicators}-${sources}-${contributors}`), {
      programmes,
      indicators,
      sources,
      contributors,
    });
  for (const [name, framework, minPages] of [
    ['the shipped framework', () => 'frameworks/neaspec-2026-2030', 2],
    ['a budget of 150 sources', () => longBudget(tmp.dir), 15],
    ['12 programme areas of 6 indicators, 60 sources, 20 contributors', generated(12, 6, 60, 20), 15],
    ['20 programme areas of 3 indicators, 40 sources, 40 contributors', generated(20, 3, 40, 40), 15],
  ] as const) {
    it(`${name}: each total once, and no page ends with a heading`, async () => {
      const { html, texts } = await pages(framework(), name.replace(/\W+/g, '-'));
      expect(texts.length).toBeGreaterThanOrEqual(minPages);
      // One printed "Total" row per total row of the HTML, whatever the number of pages.
      const totals = (html.match(/data-key="total"/g) ?? []).length;
      expect(totals).toBeGreaterThan(0);
      const printed = texts
        .join('\n')
        .split('\n')
        .filter((l) => /^\s*Total\b/.test(l)).length;
      expect(printed).toBe(totals);
      const headings = [...html.matchAll(/<h[23][^>]*>([\s\S]*?)<\/h[23]>/g)].map((m) =>
        (m[1] as string)
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      expect(headings).toContain('Resources');
      texts.slice(0, -1).forEach((t, i) => {
        const last =
          t
            .split('\n')
            .map((l) => l.replace(/\s+/g, ' ').trim())
            .filter(Boolean)
            .at(-1) ?? '';
        expect(headings, `page ${i + 1} ends with "${last}"`).not.toContain(last);
      });
    });
  }
});
