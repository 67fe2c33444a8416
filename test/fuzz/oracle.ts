import { explainIndicator } from '../../src/compute/explain.js';
import { computeFunding } from '../../src/compute/funding.js';
import { buildHistory } from '../../src/compute/history.js';
import { buildResourceHistory } from '../../src/compute/history-resources.js';
import { computeIati } from '../../src/compute/iati.js';
import { computeReport } from '../../src/compute/report.js';
import { computeStatus } from '../../src/compute/status.js';
import { computeVariance } from '../../src/compute/variance.js';
import { computeWorkbook } from '../../src/compute/workbook.js';
import { type Day, parseDate } from '../../src/core/dates.js';
import { fundingDocument } from '../../src/document/funding.js';
import { historyDocument, resourceHistoryDocument } from '../../src/document/history.js';
import { varianceDocument } from '../../src/document/variance.js';
import { exportIati } from '../../src/export/iati.js';
import { checkFiles } from '../../src/load/index.js';
import type { Basis, VarianceBy } from '../../src/model/reports.js';
import { colours } from '../../src/render/colour.js';
import { formatGithub, formatJson, formatText, locate } from '../../src/render/diagnostics.js';
import { renderFundingJson } from '../../src/render/funding-json.js';
import { renderHistoryJson, renderResourceHistoryJson } from '../../src/render/history-json.js';
import { renderReportHtml } from '../../src/render/report-html.js';
import { renderReportJson } from '../../src/render/report-json.js';
import { renderReportMd } from '../../src/render/report-md.js';
import { renderReportText } from '../../src/render/report-text.js';
import { renderStatusCsv } from '../../src/render/status-csv.js';
import { renderExplain } from '../../src/render/status-explain.js';
import { renderStatusJson } from '../../src/render/status-json.js';
import { renderStatusMd } from '../../src/render/status-md.js';
import { renderStatusTable } from '../../src/render/status-table.js';
import { renderVarianceJson } from '../../src/render/variance-json.js';
import { writeCsv } from '../../src/render/writers/csv.js';
import { writeMd } from '../../src/render/writers/md.js';
import { writeText } from '../../src/render/writers/text.js';

/**
 * The fuzz campaign's oracle, in process: a framework (file name → text, as the loader reads it)
 * goes through the same pure steps as `validate`, and — when validate accepts it — as `status`
 * (every format and --explain), `variance`, `funding` (every format), `history` (of an indicator,
 * a line, a source or a contributor), `report` (every format, with and without --since) and
 * `export` (the workbook and IATI XML). Nothing may
 * throw, and nothing printed may leak JavaScript's internals: "undefined", "NaN", "[object
 * Object]", "Infinity", a stack trace, a stack overflow. A word the input itself contains is
 * allowed (a title may say "NaN"). A failure throws an Error saying what and where, which
 * fast-check then shrinks to the smallest mutation that still fails.
 */

const WORDS = ['undefined', 'NaN', '[object Object]', 'Infinity'];
const LEAKS: [RegExp, string][] = [
  [/Maximum call stack/i, 'a stack overflow'],
  [/heap out of memory/i, 'heap exhaustion'],
  [/\n\s+at [^\n]*:\d+:\d+\)?/, 'a stack trace'],
  [/unexpected failure/i, 'an unexpected failure'],
];
/** JavaScript's exponent notation (1e+21, 5e-324): no report shows a figure that way. */
const EXPONENT = /(?<![\w.])-?\d+(?:\.\d+)?e[+-]\d+(?![\w])/;

/** What to compute for a framework validate accepts. */
export interface Views {
  asOf: string;
  by: VarianceBy;
  basis: Basis;
  /** Index (mod the count) of the indicator to explain. */
  explain: number;
  /** report --since: null for none, a date, or undefined for the default (the last meeting). */
  since: string | null | undefined;
  color: boolean;
  /** Also write the Word report (the slowest renderer). */
  docx: boolean;
}

/** What a case came to: whether validate accepted it, and how many errors it reported. */
export interface Outcome {
  accepted: boolean;
  errors: number;
}

/** Runs one case; throws on any finding. */
export async function exercise(files: Record<string, string>, views: Views): Promise<Outcome> {
  const inputs = Object.values(files).join('\n');
  const raw = Object.keys(files)
    .sort()
    .map((name) => ({ name, path: `/fuzz/${name}`, text: files[name] as string }));
  const checked = step('validate', () => checkFiles('/fuzz', raw));
  for (const d of checked.diagnostics) {
    const l = step('locate', () => locate(d));
    if (!/^[a-z]+(?:-[a-z]+)*$/.test(l.code)) fail('validate', `code "${l.code}"`);
    if (l.file !== null && !(Number.isSafeInteger(l.line) && Number.isSafeInteger(l.col))) {
      fail('validate', `${l.code} at line ${l.line}, col ${l.col}`);
    }
    if (l.line !== null && (l.line < 1 || (l.col ?? 0) < 1))
      fail('validate', `${l.code} at ${l.line}:${l.col}`);
    clean(`validate message (${l.code})`, d.message, inputs);
  }
  const c = colours(views.color);
  clean(
    'validate text',
    step('validate text', () => formatText(checked.diagnostics, c, 'fw')),
    inputs,
  );
  clean(
    'validate json',
    step('validate json', () => formatJson(checked.diagnostics, false)),
    inputs,
  );
  clean(
    'validate github',
    step('validate github', () => formatGithub(checked.diagnostics)),
    inputs,
  );
  const errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
  const fw = checked.framework;
  if (!fw || errors > 0) return { accepted: false, errors };

  const asOf = parseDate(views.asOf) as Day;
  const status = step('status', () => computeStatus(fw, asOf));
  for (const s of status.indicators) for (const w of s.warnings) clean('status warning', w, inputs);
  clean(
    'status table',
    step('status table', () => renderStatusTable(status, c)),
    inputs,
  );
  cleanJson(
    'status json',
    step('status json', () => renderStatusJson(status)),
    inputs,
  );
  clean(
    'status csv',
    step('status csv', () => renderStatusCsv(status)),
    inputs,
    false,
  );
  clean(
    'status md',
    step('status md', () => renderStatusMd(status)),
    inputs,
  );
  if (fw.indicators.length > 0) {
    const id = (fw.indicators[views.explain % fw.indicators.length] as { id: string }).id;
    const x = step('status --explain', () => explainIndicator(fw, id, asOf));
    if (!x) fail('status --explain', `no explanation for ${id}`);
    clean(
      'status --explain',
      step('status --explain', () => renderExplain(x, c)),
      inputs,
    );
  }

  const variance = step('variance', () => computeVariance(fw, asOf, views.by, views.basis));
  clean(
    'variance table',
    step('variance table', () => writeText(varianceDocument(variance), { c })),
    inputs,
  );
  cleanJson(
    'variance json',
    step('variance json', () => renderVarianceJson(variance)),
    inputs,
  );
  clean(
    'variance csv',
    step('variance csv', () => writeCsv(varianceDocument(variance))),
    inputs,
    false,
  );
  clean(
    'variance md',
    step('variance md', () => writeMd(varianceDocument(variance))),
    inputs,
  );

  const funding = step('funding', () => computeFunding(fw, asOf));
  clean(
    'funding table',
    step('funding table', () => writeText(fundingDocument(funding), { c })),
    inputs,
  );
  cleanJson(
    'funding json',
    step('funding json', () => renderFundingJson(funding)),
    inputs,
  );
  clean(
    'funding csv',
    step('funding csv', () => writeCsv(fundingDocument(funding))),
    inputs,
    false,
  );
  clean(
    'funding md',
    step('funding md', () => writeMd(fundingDocument(funding))),
    inputs,
  );

  const ids = [
    ...fw.indicators.map((i) => i.id),
    ...fw.lines.map((l) => l.id),
    ...fw.sources.map((x) => x.id),
    ...fw.contributors.map((x) => x.id),
  ];
  if (ids.length > 0) {
    const id = ids[views.explain % ids.length] as string;
    const h = step('history', () => buildHistory(fw, id, asOf));
    if (h) {
      clean(
        'history table',
        step('history table', () => writeText(historyDocument(h), { c })),
        inputs,
      );
      cleanJson(
        'history json',
        step('history json', () => renderHistoryJson(h)),
        inputs,
      );
    } else {
      const r = step('history', () => buildResourceHistory(fw, id, asOf));
      if (!r) fail('history', `no history for ${id}`);
      clean(
        'history table',
        step('history table', () => writeText(resourceHistoryDocument(r), { c })),
        inputs,
      );
      cleanJson(
        'history json',
        step('history json', () => renderResourceHistoryJson(r)),
        inputs,
      );
    }
  }

  const since =
    typeof views.since === 'string' ? { date: parseDate(views.since) as Day, meeting: null } : views.since;
  const facts = {
    generated: parseDate('2026-11-28') as Day,
    framework: 'fw',
    diagnostics: checked.diagnostics,
    // --since must lie before the report date (the command refuses others as a usage error).
    since: since && since.date >= asOf ? null : since,
  };
  const iati = fw.plan.iati;
  if (iati) {
    // validate checks the codes an IATI file needs, so an accepted framework always exports.
    const activity = step('export iati', () => computeIati(fw, iati, asOf, (name) => name));
    clean(
      'export iati',
      step('export iati', () => exportIati(activity)),
      inputs,
      false,
    );
  }

  const report = step('report', () => computeReport(fw, asOf, facts));
  clean(
    'report text',
    step('report text', () => renderReportText(report, c)),
    inputs,
  );
  clean(
    'report md',
    step('report md', () => renderReportMd(report)),
    inputs,
  );
  clean(
    'report html',
    step('report html', () => renderReportHtml(report)),
    inputs,
  );
  cleanJson(
    'report json',
    step('report json', () => renderReportJson(report)),
    inputs,
  );
  if (views.docx) {
    const { renderReportDocx } = await import('../../src/render/report-docx.js');
    try {
      const bytes = await renderReportDocx(report);
      if (!(bytes instanceof Uint8Array) || bytes.length === 0) fail('report docx', 'no bytes');
    } catch (e) {
      fail('report docx', `threw ${describeError(e)}`);
    }
    const { exportWorkbook } = await import('../../src/export/xlsx.js');
    const book = step('export', () => computeWorkbook(fw, asOf, facts));
    try {
      const bytes = await exportWorkbook(book, (name) => name);
      if (!(bytes instanceof Uint8Array) || bytes.length === 0) fail('export xlsx', 'no bytes');
    } catch (e) {
      fail('export xlsx', `threw ${describeError(e)}`);
    }
  }
  return { accepted: true, errors: 0 };
}

function step<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    return fail(what, `threw ${describeError(e)}`);
  }
}

function fail(what: string, why: string): never {
  throw new Error(`${what}: ${why}`);
}

function describeError(e: unknown): string {
  if (e instanceof Error)
    return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(e);
}

/**
 * Fails when text holds an internal word the inputs do not, a leak, or (in text meant for people,
 * not JSON or CSV, where numbers are data) a figure in exponent notation.
 */
export function clean(what: string, text: string, inputs: string, exponent = true): void {
  if (typeof text !== 'string') fail(what, `printed ${typeof text}, not text`);
  for (const w of WORDS) {
    if (text.includes(w) && !inputs.includes(w))
      fail(what, `printed "${w}": ${around(text, text.indexOf(w))}`);
  }
  for (const [re, name] of LEAKS) {
    const m = re.exec(text);
    if (m) fail(what, `printed ${name}: ${around(text, m.index)}`);
  }
  const m = exponent ? EXPONENT.exec(text) : null;
  if (m && !writtenNumbers(inputs).has(Number(m[0]))) {
    fail(what, `printed a figure in exponent notation: ${around(text, m.index)}`);
  }
}

let lastInputs = '';
let lastNumbers = new Set<number>();

/** The numbers written in the inputs (a value quoted back as 1e+308 was written 1e308). */
function writtenNumbers(inputs: string): Set<number> {
  if (inputs !== lastInputs) {
    lastInputs = inputs;
    const all = inputs.matchAll(/[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi);
    lastNumbers = new Set([...all].map((x) => Number(x[0])));
  }
  return lastNumbers;
}

/** clean(), and the JSON parses. */
function cleanJson(what: string, text: string, inputs: string): void {
  clean(what, text, inputs, false);
  try {
    JSON.parse(text);
  } catch (e) {
    fail(what, `is not JSON: ${describeError(e)}`);
  }
}

function around(text: string, i: number): string {
  return JSON.stringify(text.slice(Math.max(0, i - 60), i + 60));
}
