import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { reportOf } from './run.js';

// The fixture (test/report/fixture) as of 2026-07-01, day 182 of 365 in 2026.
//
// Indicators (entries dated after 2026-07-01 do not exist yet):
//   AP.O1.1-a cumulative, quarterly, baseline 0 (2025), target 4 (2026), 8 (2027).
//     Q1 1, Q2 1 → actual 0 + 1 + 1 = 2 at t = 2026-06-30, 181 days after 2025-12-31.
//     expected = 4 × 181/365 = 1.98356 → "1.98"; progress 2/1.98356 = 1.008 → on track.
//     series 1, 2 → trend up, better (increase).
//   AP.O1-b percent, quarterly, no entry → no data; 2026-Q1 ended 2026-03-31 < 2026-07-01 → overdue.
//   NC.O1-a milestone, annual, baseline "not started" (0), target 2026 "endorsed" (2).
//     entry 2026 "drafted" (1) → t = 2026-12-31, expected 2; progress 1/2 = 0.5 ≥ 0.5 → at risk.
//   NC.O1-b level, decrease, quarterly, baseline 100, target 80 (2026), 60 (2027).
//     Q1 98, Q2 99 (Q3 50 is dated 2026-10-05: not yet) → actual 99.
//     expected = 100 − 20 × 181/365 = 90.0822 → "90.08"; progress (99 − 100)/(90.0822 − 100) = 0.1008 → off track.
//     series 98, 99 → up, worse (decrease).
// Budget, pro rata 182/365 of 2026 per line (rounded to the cent, half away from zero):
//   B-AP-1 36,500 → 18,200.00   B-AP-2 10,000 → 4,986.30 (498,630.137 cents)
//   B-NC-1 20,000 → 9,972.60 (997,260.27 cents)   B-GEN 7,300 → 3,640.00
//   Spending as of 2026-07-01: B-GEN 1,000.00; B-AP-1 12,000.00 + 3,000.50; B-NC-1 2,500.00; B-AP-2 5,000.00
//   (B-NC-1 999.00 on 2026-08-01 is later).
//   AP (B-AP-1 + B-AP-2): total 73,000 + 20,000 = 93,000.00; to date 23,186.30; actual 20,000.50;
//     variance 3,185.80; execution 20,000.50/23,186.30 = 0.8626 → 86.3%; remaining 72,999.50.
//   NC: 40,000.00; 9,972.60; 2,500.00; 7,472.60; 0.2507 → 25.1%; 37,500.00.
//   - (B-GEN, no result): 14,600.00; 3,640.00; 1,000.00; 2,640.00; 0.2747 → 27.5%; 13,600.00.
//   Total: 147,600.00; 36,798.90; 23,500.50; 13,298.40; 0.6386 → 63.9%; 124,099.50.
//   Projected = actual / (182 of the plan's 730 days elapsed through D): AP 20,000.50 × 730/182 =
//     80,221.785 → 80,221.79; NC 2,500 × 730/182 = 10,027.47; - 1,000 × 730/182 = 4,010.99;
//     total 23,500.50 × 730/182 = 94,260.247 → 94,260.25; CORE 18,500.50 × 730/182 = 74,205.30;
//     ROK 5,000 × 730/182 = 20,054.945 → 20,054.95.
//   CORE (B-AP-1, B-NC-1, B-GEN): 127,600.00; 31,812.60; 18,500.50; 13,312.10; 0.5816 → 58.2%; 109,099.50.
//   ROK (B-AP-2): 20,000.00; 4,986.30; 5,000.00; −13.70; 1.0027 → 100.3%; 15,000.00.
// Entries used: 5 result + 5 spending = 10; illustrative: NC.O1-a's entry and B-NC-1's 2,500.00 → 2.
// Warnings: B-GEN links to no result; outcome NC.O2 has no indicator.
// Resources: no pledge or contribution; cash balance = 0 opening + 0 received − spent: CORE
// −18,500.50, ROK −5,000.00; gap = planned (127,600.00 and 20,000.00) − 0 secured.

const EXPECTED = path.join(ROOT, 'test/report/report.md.snap');

const md = () => reportOf('md');

describe('report --format md', () => {
  it('matches the reviewed snapshot test/report/report.md.snap', async () => {
    expect(await md()).toBe(readFileSync(EXPECTED, 'utf8'));
  });

  it('carries the hand-worked figures', async () => {
    const out = await md();
    expect(out).toContain('| As of | 2026-07-01 |');
    expect(out).toContain('| Generated | 2026-11-28 |');
    expect(out).toContain('| Ledger entries used | 10 (5 results, 5 spending) |');
    expect(out).toContain('4 — 1 on track, 1 at risk, 1 off track, 1 no data');
    expect(out).toContain('**Overdue:** 1 indicator');
    expect(out).toContain('planned to date USD 36,798.90 against actual USD 23,500.50 — execution 63.9%');
    expect(out).toContain('**Off track:** NC.O1-b Degraded habitat');
    expect(out).toContain('**At risk:** NC.O1-a Joint habitat strategy');
    expect(out).toContain(
      '| AP.O1.1-a Policy reports published (reports) | 2026-Q2 | 0 | 1.98 | 2 | 8 | On track | ▲ better |',
    );
    expect(out).toContain('| — | 20% | — | — | 60% | No data, overdue | — |');
    expect(out).toContain('| 2026 | not started | endorsed | drafted | implemented | At risk | — |');
    expect(out).toContain('| 2026-Q2 | 100 | 90.08 | 99 | 60 | Off track | ▲ worse |');
    expect(out).toContain(
      '| AP Air pollution | 93,000.00 | 23,186.30 | 20,000.50 | 3,185.80 | 86.3% | 72,999.50 | 80,221.79 |',
    );
    expect(out).toContain(
      '| NC Nature conservation | 40,000.00 | 9,972.60 | 2,500.00 | 7,472.60 | 25.1% | 37,500.00 | 10,027.47 |',
    );
    expect(out).toContain(
      '| - (no programme) | 14,600.00 | 3,640.00 | 1,000.00 | 2,640.00 | 27.5% | 13,600.00 | 4,010.99 |',
    );
    expect(out).toContain(
      '| **Total** | **147,600.00** | **36,798.90** | **23,500.50** | **13,298.40** | **63.9%** | **124,099.50** | **94,260.25** |',
    );
    expect(out).toContain(
      '| CORE Core Fund | 127,600.00 | 31,812.60 | 18,500.50 | 13,312.10 | 58.2% | 109,099.50 | 74,205.30 |',
    );
    expect(out).toContain(
      '| ROK Republic of Korea contribution | 20,000.00 | 4,986.30 | 5,000.00 | -13.70 | 100.3% | 15,000.00 | 20,054.95 |',
    );
    expect(out).toContain('2 ledger entries (1 result, 1 spending) are marked "source: illustrative"');
    expect(out).toContain('`test/report/fixture/budget.yaml:27:7`');
    expect(out).toContain('(`line-no-result`)');
    expect(out).toContain('(`outcome-no-indicator`)');
  });

  it('puts each programme area’s delivery next to its budget', async () => {
    const out = await md();
    const ap = out.slice(out.indexOf('### AP — Air pollution'), out.indexOf('### NC — Nature conservation'));
    expect(ap).toContain(
      '**Budget (USD):** planned total 93,000.00 · planned to date 23,186.30 · actual 20,000.50 · execution **86.3%**',
    );
    expect(ap).toContain('AP.O1.1-a');
    expect(ap).not.toContain('NC.O1-a');
  });
});
