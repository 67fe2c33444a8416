import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/render/report-html.js';
import { reportJson } from '../../src/render/report-json.js';
import { renderReportMd } from '../../src/render/report-md.js';
import { renderReportText } from '../../src/render/report-text.js';
import { handBuilt } from './fixture-data.js';

// The Resources section renders ReportData.funding of fixture-data.ts, whose figures are typed in:
// CORE planned 12,000.00, pledged 8,000.00, received 5,000.00 (1,000.00 in kind), outstanding
// 3,000.00, gap 4,000.00, opening 500.00, spent 2,500.00, cash balance 2,000.00, collection 62.5%;
// KR 2026 pledged 6,000.00, received 4,000.00, outstanding 2,000.00; MN 2026 2,000.00, 1,000.00,
// 1,000.00 — both paid in part.

const plain = new Chalk({ level: 0 });

describe('the report’s Resources section', () => {
  it('text: the source tables, the summary and the status of contributions', () => {
    const out = renderReportText(handBuilt(), plain, 100);
    expect(out).toContain('RESOURCES BY FUNDING SOURCE (USD, as of 2026-12-31)');
    expect(out).toMatch(/│ CORE Core\s+│\s+12,000\.00 │\s+8,000\.00 │\s+5,000\.00 │\s+3,000\.00 │/);
    expect(out).toMatch(/│ CORE Core\s+│\s+4,000\.00 │\s+500\.00 │\s+2,500\.00 │\s+2,000\.00 │/);
    // The summary is wrapped to the width; read it as one line.
    expect(out.replace(/\n/g, ' ')).toContain(
      'Pledged USD 8,000.00, received USD 5,000.00 (62.5% of pledges; 1,000.00 in kind), outstanding USD 3,000.00. Funding gap USD 4,000.00 against USD 12,000.00 planned; cash balance USD 2,000.00 (opening 500.00, spent 2,500.00).',
    );
    expect(out).toContain('STATUS OF CONTRIBUTIONS (USD)');
    expect(out).toMatch(
      /│ KR Republic of Korea\s+│ 2026 │\s+6,000\.00 │\s+4,000\.00 │\s+2,000\.00 │ paid in part\s+│/,
    );
    expect(out).toMatch(
      /│ MN Mongolia\s+│ 2026 │\s+2,000\.00 │\s+1,000\.00 │\s+1,000\.00 │ paid in part\s+│/,
    );
    const section = out.slice(out.indexOf('RESOURCES BY FUNDING SOURCE'), out.indexOf('DATA-QUALITY NOTES'));
    for (const line of section.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('md: one table by source with every column, and the status table', () => {
    const out = renderReportMd(handBuilt());
    expect(out).toContain('## Resources');
    expect(out).toContain(
      '| Source | Planned | Pledged | Received | Outstanding | Gap | Opening | Spent | Cash balance |',
    );
    expect(out).toContain(
      '| CORE Core | 12,000.00 | 8,000.00 | 5,000.00 | 3,000.00 | 4,000.00 | 500.00 | 2,500.00 | 2,000.00 |',
    );
    expect(out).toContain(
      '| **Total** | **12,000.00** | **8,000.00** | **5,000.00** | **3,000.00** | **4,000.00** | **500.00** | **2,500.00** | **2,000.00** |',
    );
    expect(out).toContain('| KR Republic of Korea | 2026 | 6,000.00 | 4,000.00 | 2,000.00 | paid in part |');
    // Between the budget and the notes.
    expect(out.indexOf('## Budget')).toBeLessThan(out.indexOf('## Resources'));
    expect(out.indexOf('## Resources')).toBeLessThan(out.indexOf('## Data-quality notes'));
  });

  it('html: a chart of planned, pledged and received per source, and the tables', () => {
    const out = renderReportHtml(handBuilt());
    const section = out.slice(out.indexOf('<section class="resources">'));
    expect(section).toContain('<h2>Resources</h2>');
    expect(section).toMatch(/<svg class="funding-bars"[^>]*role="img"/);
    // Bars on one scale of 720 − 210 (labels) − 190 (text) = 320 px: planned 12,000 is the longest,
    // pledged 8,000 → 320 × 8/12 = 213.3, received 5,000 → 320 × 5/12 = 133.3.
    expect(section).toContain('class="planned" x="210" y="26" width="320"');
    expect(section).toContain('class="pledged" x="210" y="38" width="213.3"');
    expect(section).toContain('class="received" x="210" y="50" width="133.3"');
    expect(section).toContain('62.5% of pledges received');
    expect(section).toContain(
      '<tr data-key="CORE"><th scope="row"><span class="pid">CORE</span> Core</th><td class="num">12,000.00</td>',
    );
    expect(section).toContain('<td class="cs cs-paid-in-part">paid in part</td>');
    expect(section).not.toMatch(/https?:/);
  });

  it('json: the contract’s funding object and the status of contributions', () => {
    const j = JSON.parse(JSON.stringify(reportJson(handBuilt())));
    expect(j.funding.total).toEqual({
      planned: 12000,
      pledged: 8000,
      received: 5000,
      inKind: 1000,
      outstanding: 3000,
      secured: 8000,
      notYetDue: 0,
      gap: 4000,
      opening: 500,
      spent: 2500,
      balance: 2000,
      collection: 0.625,
    });
    expect(j.funding.years.map((y: { key: string; gap: number }) => [y.key, y.gap])).toEqual([
      ['2026', 2000],
      ['2027', 2000],
    ]);
    expect(j.contributionStatus[1]).toEqual({
      contributor: 'MN',
      title: 'Mongolia',
      year: 2026,
      pledged: 2000,
      received: 1000,
      inKind: 1000,
      outstanding: 1000,
      notYetDue: 0,
      status: 'paid-in-part',
    });
  });
});
