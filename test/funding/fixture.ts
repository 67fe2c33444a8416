/**
 * A small framework whose resources are worked out by hand in figures.test.ts. Plan 2026–2027 in
 * USD; CORE holds 10,000.00 at the start; KRW is worth 0.00075 USD in 2025 and 0.00072 in 2026.
 * L1 (CORE) plans 50,000 a year, raised to 60,000 for 2027 by R1 from 2026-06-01; L2 (PRJ) plans
 * 20,000 in 2026; L3 has no source and plans 5,000 in 2026.
 */
export const HAND = {
  'plan.yaml': `plan: {id: hand, title: Hand-worked, start: 2026, end: 2027, currency: USD}
programmes: [{id: P, title: Programme}]
results: [{id: P.O1, level: outcome, programme: P, title: Outcome}]
indicators:
  - {id: P.O1-a, result: P.O1, title: Reports, unit: reports, measure: number, direction: increase,
     aggregation: cumulative, frequency: annual, baseline: {year: 2025, value: 0}, targets: {2027: 2}}
revisions:
  - {id: R1, date: 2026-06-01, title: L1 raised, planned: {L1: {2027: 60000}}}
`,
  'budget.yaml': `budget:
  sources:
    - {id: CORE, title: Core Fund, opening_balance: 10000}
    - {id: PRJ, title: Project fund}
  contributors:
    - {id: KR, title: Republic of Korea}
    - {id: MN, title: Mongolia}
    - {id: JP, title: Japan}
    - {id: CN, title: China}
  rates: {KRW: {2025: 0.00075, 2026: 0.00072}}
  lines:
    - {id: L1, title: Meetings, result: P.O1, source: CORE, planned: {2026: 50000, 2027: 50000}}
    - {id: L2, title: Studies, result: P.O1, source: PRJ, planned: {2026: 20000}}
    - {id: L3, title: Unfunded, result: P.O1, planned: {2026: 5000}}
`,
  'progress/2026.yaml': `progress:
  # A KRW pledge made before the plan starts: 40,000,000 KRW × 0.00075 = 30,000.00 USD.
  - {pledge: CORE, from: KR, year: 2026, amount: 40000000, currency: KRW, date: 2025-09-23}
  # A partial payment: 20,000,000 KRW × 0.00072 = 14,400.00 USD.
  - {contribution: CORE, from: KR, amount: 20000000, currency: KRW, date: 2026-03-10}
  # An over-payment: 6,000 against a 5,000 pledge, then a refund of 500.
  - {pledge: CORE, from: MN, year: 2026, amount: 5000, date: 2026-01-15}
  - {pledge: PRJ, from: MN, year: 2026, amount: 3000, date: 2026-02-01}
  - {contribution: CORE, from: MN, year: 2026, amount: 6000, date: 2026-04-01}
  # An unpledged contribution.
  - {contribution: CORE, from: JP, amount: 8000, date: 2026-05-01}
  - {spend: L1, amount: 12500, date: 2026-05-12}
  - {contribution: CORE, from: MN, year: 2026, amount: -500, date: 2026-06-15, note: refund}
  - {spend: L2, amount: 2000, date: 2026-07-01}
  - {spend: L3, amount: 500, date: 2026-08-01}
  # In kind: received, but not cash.
  - {contribution: PRJ, from: MN, amount: 3000, kind: in-kind, date: 2026-09-24, note: venue}
  - {pledge: PRJ, from: CN, year: 2027, amount: 10000, date: 2026-10-01}
  # After the report date of the tests.
  - {contribution: CORE, from: KR, year: 2026, amount: 7000, date: 2027-02-01}
`,
};
