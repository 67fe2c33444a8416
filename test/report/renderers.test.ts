import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/render/report-html.js';
import { reportJson } from '../../src/render/report-json.js';
import { renderReportMd } from '../../src/render/report-md.js';
import { renderReportText } from '../../src/render/report-text.js';
import { handBuilt } from './fixture-data.js';

// Renderers only format: every figure below is typed into fixture-data.ts.
// P1: planned total 1,000,000 cents = 10,000.00, to date 5,000.00, actual 2,500.00 → 2,500/5,000 = 50.0%.
// P2: nothing planned to date → execution "—".

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
const ANSI = /\u001b\[/;

describe('report renderers on hand-built data', () => {
  it('text: no escape codes without colour, some with it', () => {
    const data = handBuilt();
    expect(renderReportText(data, plain)).not.toMatch(ANSI);
    expect(renderReportText(data, colour)).toMatch(ANSI);
  });

  it('text: title block, summary, sections, bars and notes', () => {
    const out = renderReportText(handBuilt(), plain, 100);
    expect(out.split('\n')[0]).toBe('Hand-built Plan');
    expect(out).toContain('As of           2026-12-31');
    expect(out).toContain('Generated       2027-01-05');
    expect(out).toContain('Entries used    7 (4 results, 3 spending)');
    expect(out).toContain('● 1 on track   ● 1 at risk   ● 0 off track   ● 1 no data');
    expect(out).toContain('1. P1 — Programme one');
    // 50% of a 30-cell bar is 15 full cells.
    expect(out).toContain(`${'█'.repeat(15)}${'░'.repeat(15)} 50.0%`);
    expect(out).toContain(`Execution       ${'░'.repeat(30)} —`);
    expect(out).toContain('▲ better');
    expect(out).toContain('country: MN 3 · JP —');
    expect(out).toContain('DATA-QUALITY NOTES');
    expect(out).toContain('fw/plan.yaml:2:7 budget line X is linked to no result (line-no-result)');
  });

  it('milestones read as level names, between two levels when the curve is between', () => {
    const out = renderReportMd(handBuilt());
    // baseline 0 → none, expected 1.5 → drafted–endorsed, actual 1 → drafted, final 3 → done
    expect(out).toContain('| 2026 | none | drafted–endorsed | drafted | done | At risk | — |');
  });

  it('md: a null execution is a dash, overdue is flagged, notes are listed', () => {
    const out = renderReportMd(handBuilt());
    // The hand-built figures give no projection: an em dash, as for the null execution.
    expect(out).toContain('| P2 Programme two | 2,000.00 | 0.00 | 0.00 | 0.00 | — | 2,000.00 | — |');
    expect(out).toContain('| No data, overdue |');
    expect(out).toContain('- **Overdue:** P2.O1-n (Title of P2.O1-n): overdue — no entry yet');
    expect(out).toContain('- **Data:** P1.O1-d: 2026-H1 has per-country percentages without numerators');
    expect(out).toContain('**Off track:** none.');
  });

  it('json: the status and variance shapes of the contract, side by side', () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the JSON object as a script would
    const j = JSON.parse(JSON.stringify(reportJson(handBuilt()))) as Record<string, any>;
    expect(Object.keys(j)).toEqual([
      'asOf',
      'generated',
      'framework',
      'plan',
      'entries',
      'entriesByKind',
      'status',
      'budget',
      'since',
      'revisions',
      'revisedLines',
      'narratives',
      'funding',
      'contributionStatus',
      'missing',
      'sdg',
      'notes',
    ]);
    expect(j.sdg).toEqual([]);
    expect(j.since).toBeNull();
    expect(j.entries).toBe(7);
    expect(Object.keys(j.status)).toEqual(['asOf', 'plan', 'indicators', 'summary']);
    // The status JSON leaves the in-memory extras out.
    expect(j.status.indicators[1].series).toBeUndefined();
    expect(j.status.indicators[1].breakdown).toEqual([
      { dimension: 'country', value: 'MN', actual: 3 },
      { dimension: 'country', value: 'JP', actual: null },
    ]);
    expect(j.budget.byProgramme.rows[0]).toMatchObject({
      key: 'P1',
      plannedToDate: 5000,
      actual: 2500,
      execution: 0.5,
    });
    expect(j.budget.byProgramme.rows[1].execution).toBeNull();
    expect(j.budget.bySource.by).toBe('source');
    expect(j.notes.map((n: { kind: string }) => n.kind)).toEqual(['overdue', 'indicator', 'warning']);
    expect(j.notes[2]).toMatchObject({ code: 'line-no-result', file: 'fw/plan.yaml', line: 2, col: 7 });
  });

  it('html: status chips carry words, not colour alone', () => {
    const out = renderReportHtml(handBuilt());
    expect(out).toMatch(/<span class="chip chip-at-risk"><span aria-hidden="true">!<\/span> At risk<\/span>/);
    expect(out).toMatch(/<span class="chip chip-no-data"><span aria-hidden="true">–<\/span> No data<\/span>/);
    expect(out).toContain('data-fact="execution">50.0%<');
  });
});
