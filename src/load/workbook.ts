import type ExcelJS from 'exceljs';
import { formatDate } from '../core/dates.js';
import { decimalText } from '../core/money.js';
import { Num, type YamlValue } from '../yaml/write.js';
import { cellValue, type SheetCell } from './sheet.js';

/**
 * Reads a workbook in the layout `export --format xlsx` writes (src/export/xlsx.ts) back into the
 * framework's sections as written: the plan, programmes and results, indicators (targets as
 * written), the budget (sources, contributors, rates, lines as written), meetings, revisions,
 * narratives, and the ledger entries grouped by the file they came from. Each table is found by
 * its header row (row 4, or the row after a section title); a missing sheet or column is a
 * WorkbookError naming it.
 */

export class WorkbookError extends Error {}

type Fields = { [key: string]: YamlValue | undefined };

export interface WorkbookFramework {
  plan: Fields;
  programmes: Fields[];
  results: Fields[];
  indicators: Fields[];
  budget: { sources: Fields[]; contributors: Fields[]; rates: Fields; lines: Fields[] };
  revisions: Fields[];
  narratives: Fields[];
  /** Ledger entries by file (relative to the framework), in ledger order. */
  ledger: Map<string, Fields[]>;
}

type Row = Map<string, SheetCell>;

/** The rows of the table whose header is at `header` (1-based), until an empty row or `stop` in column A. */
function tableAt(ws: ExcelJS.Worksheet, header: number, stop?: string): Row[] {
  const names: string[] = [];
  ws.getRow(header).eachCell({ includeEmpty: false }, (c, n) => {
    names[n - 1] = String(cellValue(c.value) ?? '');
  });
  const rows: Row[] = [];
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Row = new Map();
    row.eachCell({ includeEmpty: false }, (c, n) => {
      // Text as written (a narrative's Markdown keeps its line ends); names and ids are trimmed below.
      const v = cellValue(c.value, false);
      const name = names[n - 1];
      if (v !== undefined && name) cells.set(name, v);
    });
    if (cells.size === 0) break;
    if (stop !== undefined && cells.get(names[0] as string) === stop) break;
    rows.push(cells);
  }
  return rows;
}

/** The table under the section title `title` (in column A), if the sheet has one. */
function section(ws: ExcelJS.Worksheet, title: string): Row[] {
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = cellValue(ws.getCell(r, 1).value);
    if (typeof v === 'string' && (v === title || v.startsWith(`${title} (`))) return tableAt(ws, r + 1);
  }
  return [];
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws)
    throw new WorkbookError(`no sheet "${name}": is this a workbook made by \`neaspec-track export\`?`);
  return ws;
}

function str(v: SheetCell | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'object') return formatDate(v.day);
  return typeof v === 'number' ? decimalText(v) : v.trim();
}

/** Text exactly as in the cell (Markdown with its line ends). */
function raw(v: SheetCell | undefined): string | undefined {
  return typeof v === 'string' ? v : str(v);
}

/** A figure: a number as its exact text, a level name as text. */
function fig(v: SheetCell | undefined): YamlValue | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return new Num(decimalText(v));
  return str(v);
}

function num(v: SheetCell | undefined): Num | undefined {
  return typeof v === 'number'
    ? new Num(decimalText(v))
    : v === undefined
      ? undefined
      : new Num(String(str(v)));
}

function date(v: SheetCell | undefined): Num | undefined {
  // A YYYY-MM-DD date written plain, as the shipped files write them.
  const s = str(v);
  return s === undefined ? undefined : new Num(s);
}

/** Columns named `<prefix> YYYY` as {YYYY: value}. */
function byYear(row: Row, prefix: string, value: (v: SheetCell) => YamlValue): Fields | undefined {
  const out: Fields = {};
  for (const [k, v] of row) {
    const m = new RegExp(`^${prefix} (\\d{4})$`).exec(k);
    if (m) out[m[1] as string] = value(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function required(row: Row, name: string, where: string): SheetCell {
  const v = row.get(name);
  if (v === undefined) throw new WorkbookError(`${where}: no ${name}`);
  return v;
}

/** Reads the framework out of an export-layout workbook's bytes. */
export async function readWorkbookFramework(bytes: Uint8Array): Promise<WorkbookFramework> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new WorkbookError(`not a readable Excel workbook (.xlsx): ${(e as Error).message}`);
  }

  // Summary: the plan's facts, as Item / Value rows.
  const facts = new Map<string, SheetCell>();
  for (const r of tableAt(sheet(wb, 'Summary'), 4)) {
    const k = r.get('Item');
    const v = r.get('Value');
    if (typeof k === 'string' && v !== undefined) facts.set(k, v);
  }
  const fact = (k: string) => {
    const v = facts.get(k);
    if (v === undefined) throw new WorkbookError(`Summary: no "${k}"`);
    return v;
  };
  const dimensions: Fields = {};
  for (const [k, v] of facts) {
    if (k.startsWith('Dimension: ')) dimensions[k.slice(11)] = String(str(v)).split(', ');
  }
  const plan: Fields = {
    id: str(fact('Plan id')),
    title: str(fact('Plan title')),
    start: num(fact('Start')),
    end: num(fact('End')),
    currency: str(fact('Currency')),
    dimensions: Object.keys(dimensions).length > 0 ? dimensions : undefined,
    rating:
      facts.has('On-track threshold') || facts.has('At-risk threshold')
        ? { on_track: num(facts.get('On-track threshold')), at_risk: num(facts.get('At-risk threshold')) }
        : undefined,
  };

  const programmes: Fields[] = [];
  const results: Fields[] = [];
  for (const r of tableAt(sheet(wb, 'Results'), 4)) {
    const id = str(required(r, 'Id', 'Results'));
    const kind = str(r.get('Kind'));
    if (kind === 'programme') programmes.push({ id, title: str(r.get('Title')) });
    else {
      results.push({
        id,
        level: kind,
        programme: str(r.get('Programme')),
        parent: str(r.get('Parent')),
        title: str(r.get('Title')),
        sdg: sdgOf(r.get('SDG targets')),
      });
    }
  }

  const indicators = tableAt(sheet(wb, 'Indicators'), 4).map((r): Fields => {
    const id = str(required(r, 'Id', 'Indicators'));
    const levels = str(r.get('Levels'));
    const disaggregate = str(r.get('Disaggregate'));
    return {
      id,
      result: str(r.get('Result')),
      title: str(r.get('Title')),
      unit: str(r.get('Unit')),
      measure: str(r.get('Measure')),
      direction: str(r.get('Direction')),
      aggregation: str(r.get('Aggregation')),
      frequency: str(r.get('Frequency')),
      disaggregate: disaggregate ? disaggregateOf(disaggregate) : undefined,
      levels: levels ? levels.split(' | ') : undefined,
      baseline: { year: num(r.get('Baseline year')), value: fig(r.get('Baseline')) },
      targets: byYear(r, 'Target', (v) => fig(v) as YamlValue) ?? {},
      means_of_verification: str(r.get('Means of verification')),
      sdg: sdgOf(r.get('SDG targets')),
    };
  });

  const budgetSheet = sheet(wb, 'Budget');
  const lines = tableAt(budgetSheet, 4, 'Total').map(
    (r): Fields => ({
      id: str(required(r, 'Line', 'Budget')),
      title: str(r.get('Title')),
      result: str(r.get('Result')),
      source: str(r.get('Source')),
      category: str(r.get('Category')),
      planned: byYear(r, 'Planned', (v) => num(v) as Num) ?? {},
    }),
  );
  const sources = section(budgetSheet, 'Funding sources').map(
    (r): Fields => ({
      id: str(r.get('Source')),
      title: str(r.get('Title')),
      opening_balance: num(r.get('Opening balance')),
    }),
  );
  const contributors = section(budgetSheet, 'Contributors').map(
    (r): Fields => ({ id: str(r.get('Contributor')), title: str(r.get('Title')) }),
  );
  const rates: Fields = {};
  for (const r of section(budgetSheet, 'Exchange rates')) {
    const cur = str(r.get('Currency')) as string;
    const at = str(r.get('Year or month')) as string;
    const value = [...r.entries()].find(([k]) => k.startsWith('Value in '))?.[1];
    const byPeriod = (rates[cur] ?? {}) as Fields;
    byPeriod[at] = num(value);
    rates[cur] = byPeriod;
  }

  // Decisions: revisions (one row per change) and meetings.
  const revisions: Fields[] = [];
  const meetings: Fields[] = [];
  const decisions = wb.getWorksheet('Decisions');
  if (decisions) {
    const measures = new Map(indicators.map((i) => [i.id as string, i]));
    const byId = new Map<string, Fields>();
    for (const r of tableAt(decisions, 4)) {
      const id = str(required(r, 'Revision', 'Decisions'));
      if (id === 'Meetings') break;
      let rev = byId.get(id as string);
      if (!rev) {
        rev = {
          id,
          date: date(r.get('Date')),
          meeting: str(r.get('Meeting')),
          title: str(r.get('Title')),
          reason: str(r.get('Reason')),
        };
        byId.set(id as string, rev);
        revisions.push(rev);
      }
      const what = str(r.get('Indicator or budget line')) as string;
      const year = String(str(r.get('Year')));
      const value = r.get('Target or planned amount');
      const key = measures.has(what) ? 'targets' : 'planned';
      const group = (rev[key] ?? {}) as Fields;
      const years = (group[what] ?? {}) as Fields;
      years[year] = key === 'targets' ? fig(value) : num(value);
      group[what] = years;
      rev[key] = group;
    }
    for (const r of section(decisions, 'Meetings')) {
      meetings.push({ id: str(r.get('Meeting')), date: date(r.get('Date')), title: str(r.get('Title')) });
    }
  }
  if (meetings.length > 0) plan.meetings = meetings;

  const narratives: Fields[] = [];
  const narrativeSheet = wb.getWorksheet('Narratives');
  if (narrativeSheet) {
    for (const r of tableAt(narrativeSheet, 4)) {
      narratives.push({ about: str(r.get('About')), date: date(r.get('Date')), text: raw(r.get('Text')) });
    }
  }

  // Ledger: every entry, back to the file it was written in.
  const dims = Object.keys(dimensions);
  const ledger = new Map<string, Fields[]>();
  // A ledger longer than one sheet continues on Ledger 2, Ledger 3, … (export's continuation sheets).
  const ledgerSheets = [sheet(wb, 'Ledger')];
  for (let k = 2; wb.getWorksheet(`Ledger ${k}`); k++)
    ledgerSheets.push(wb.getWorksheet(`Ledger ${k}`) as ExcelJS.Worksheet);
  for (const r of ledgerSheets.flatMap((ws) => tableAt(ws, 4))) {
    const file = str(r.get('File')) ?? 'progress/ledger.yaml';
    const kind = str(r.get('Kind'));
    const id = str(r.get('Indicator or budget line'));
    const common = { date: date(r.get('Date')) };
    let entry: Fields;
    if (kind === 'result') {
      entry = {
        indicator: id,
        period: periodValue(str(r.get('Period'))),
        value: fig(r.get('Value')),
        numerator: num(r.get('Numerator')),
        denominator: num(r.get('Denominator')),
      };
      for (const d of dims) entry[d] = str(r.get(d));
      Object.assign(entry, common);
      if (r.get('Corrects') === 'yes') entry.corrects = true;
      if (r.get('Withdrawn') === 'yes') entry.withdrawn = true;
    } else {
      const amount = num(r.get('Amount'));
      const currency = str(r.get('Currency'));
      const own = currency === plan.currency ? undefined : currency;
      if (kind === 'spend') entry = { spend: id, ...common, amount, currency: own };
      else {
        entry = {
          [kind as string]: id,
          from: str(r.get('From')),
          year: num(r.get('Year')),
          ...common,
          amount,
          currency: own,
        };
        if (r.get('In kind') === 'yes') entry.kind = 'in-kind';
      }
    }
    entry.source = str(r.get('Source'));
    entry.note = str(r.get('Note'));
    const list = ledger.get(file) ?? [];
    list.push(entry);
    ledger.set(file, list);
  }

  return {
    plan,
    programmes,
    results,
    indicators,
    budget: { sources, contributors, rates, lines },
    revisions,
    narratives,
    ledger,
  };
}

/** A period as written: a year as a number, others as text. */
function periodValue(p: string | undefined): YamlValue | undefined {
  if (p === undefined) return undefined;
  return /^\d{4}$/.test(p) ? new Num(p) : p;
}

/** The Disaggregate cell: `country, sex` (a list), or `country (CN, JP, KR, RU)` (expected values named). */
function disaggregateOf(cell: string): YamlValue {
  const dims: [string, string[] | undefined][] = [];
  for (const m of cell.matchAll(/([^\s,()][^,()]*?)\s*(?:\(([^)]*)\))?\s*(?:,|$)/g)) {
    const name = (m[1] as string).trim();
    if (name === '') continue;
    dims.push([
      name,
      m[2] === undefined
        ? undefined
        : m[2]
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
    ]);
  }
  if (dims.every(([, v]) => v === undefined)) return dims.map(([d]) => d);
  return Object.fromEntries(dims.map(([d, v]) => [d, v ?? []]));
}

/** An "SDG targets" cell ("11.6, 15.a") as the list `sdg:` takes; undefined when empty or absent. */
function sdgOf(v: SheetCell | undefined): string[] | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  const list = text.split(/[,;\s]+/).filter((t) => t !== '');
  return list.length > 0 ? list : undefined;
}
