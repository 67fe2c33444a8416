import { rmSync } from 'node:fs';
import path from 'node:path';
import { displayName, packageRoot, type RawFile, readText } from '../load/files.js';
import { checkFiles } from '../load/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Framework } from '../model/framework.js';
import { AppendError, appendEntries, newLedgerText } from './append.js';
import { type EntryRequest, entryFields, flowMapping } from './entry.js';
import {
  frameworkRoot,
  type RecordOptions,
  Refusal,
  readValidFramework,
  realpathOf,
  refuseReadOnly,
  refuseUnread,
  underLock,
  withFile,
} from './record.js';
import { compareFrameworkPaths, ledgerHeader, ledgerTarget, schemaRef } from './target.js';
import { asWriteError, atomicCreate, atomicReplace } from './write.js';

/**
 * Many entries at once (`import`): all or nothing, under one lock, through the same checks as
 * `record`. The entries are appended in memory to the files `record` would write them to, the
 * framework as it would then be is checked once, and every error of a new entry is traced back to
 * the row it came from. Only when no row is refused are the files written.
 */

/** An entry to record, and where it came from (a sheet and row, for messages). */
export interface BatchItem {
  origin: string;
  request: EntryRequest;
}

/** A row that cannot be recorded, with why. */
export interface RefusedRow {
  origin: string;
  message: string;
  diagnostics: Diagnostic[];
}

export interface BatchResult {
  recorded: {
    origin: string;
    file: string;
    line: number;
    text: string;
    created: boolean;
    request: EntryRequest;
  }[];
  warnings: Diagnostic[];
  /** The framework before and after the entries, for the standing figures `import` prints. */
  before: Framework;
  after: Framework;
}

/** Refused rows: nothing was recorded. */
export class BatchRefusal extends Refusal {
  constructor(
    message: string,
    readonly rows: RefusedRow[],
    diagnostics: Diagnostic[] = [],
  ) {
    super(message, 1, diagnostics);
  }
}

/** What `build` finds in the checked framework: entries to record, and rows refused before any check. */
export interface BatchPlan {
  items: BatchItem[];
  refused: RefusedRow[];
  /** Rows left out though something was written in them (a date and source but no value), with why. */
  skipped?: { origin: string; message: string }[];
}

/**
 * Records every item `build` plans, or none. With `dryRun` the lock is not taken and nothing is
 * written: the result says what would have been recorded.
 */
export async function recordBatch(
  opts: RecordOptions & { dryRun?: boolean },
  build: (fw: Framework) => BatchPlan,
): Promise<BatchResult> {
  const { real, isDir } = frameworkRoot(opts);
  if (opts.dryRun) return planBatch(opts, build, real, isDir).result;
  return underLock(opts, real, isDir, (stillHeld) => {
    const planned = planBatch(opts, build, real, isDir);
    writeBatch(planned.writes, { pauseMs: opts.pauseBeforeRenameMs, beforeRename: stillHeld });
    return planned.result;
  });
}

/** One file to write: its new text, and the text it had (undefined: a new file). */
interface PlannedWrite {
  target: string;
  realTarget: string;
  name: string;
  text: string;
  before: string | undefined;
}

function planBatch(
  opts: RecordOptions,
  build: (fw: Framework) => BatchPlan,
  real: string,
  isDir: boolean,
): { result: BatchResult; writes: PlannedWrite[] } {
  const { files, framework } = readValidFramework(opts);
  const plan = build(framework);
  const refused = [...plan.refused];

  // Every entry goes to the file `record` would write it to; each file's entries are appended in
  // one splice (in row order), so the file is read back once, not once per row.
  const texts = new Map<
    string,
    PlannedWrite & { existing: RawFile | undefined; flows: string[]; items: BatchItem[] }
  >();
  const paths = files.map((f) => f.path);
  const byPath = new Map(files.map((f) => [path.resolve(f.path), f]));
  const targets = new Map<string, string>();
  for (const item of plan.items) {
    const flow = flowMapping(entryFields(item.request));
    // The target depends on the year alone: found once per year, not once per row.
    const year = item.request.date.slice(0, 4);
    let target = targets.get(year);
    if (target === undefined) {
      target = ledgerTarget(opts.root, isDir, item.request.date, paths);
      targets.set(year, target);
    }
    let w = texts.get(target);
    if (!w) {
      const existing = byPath.get(path.resolve(target));
      const name = existing?.name ?? displayName(target, opts.cwd);
      const realTarget = existing ? realpathOf(target) : target;
      if (existing) refuseReadOnly(realTarget, name);
      else refuseUnread(opts.root, target, name, opts.cwd);
      w = {
        target,
        realTarget,
        name,
        text: existing?.text ?? '',
        before: existing?.text,
        existing,
        flows: [],
        items: [],
      };
      texts.set(target, w);
    }
    w.flows.push(flow);
    w.items.push(item);
  }
  const placedAt = new Map<BatchItem, { target: string; line: number; index: number; text: string }>();
  for (const w of texts.values()) {
    let flows = w.flows;
    let lines: number[] = [];
    let indexes: number[] = [];
    if (!w.existing && w.text === '') {
      const first = w.items[0] as BatchItem;
      const header = ledgerHeader(
        schemaRef(w.target, files, {
          root: opts.root,
          realRoot: real,
          packageRoot: realpathOf(packageRoot()),
          schemaFile: realpathOf(path.join(packageRoot(), 'schema', 'framework.schema.json')),
        }),
        first.request.date.slice(0, 4),
      );
      w.text = newLedgerText(flows[0] as string, header);
      lines = [header.length + 2];
      indexes = [0];
      flows = flows.slice(1);
    }
    try {
      const appended = appendEntries(w.text, flows);
      w.text = appended.text;
      lines = [...lines, ...appended.lines];
      indexes = [...indexes, ...appended.indexes];
    } catch (e) {
      if (e instanceof AppendError) throw new Refusal(`cannot append to ${w.name}: ${e.message}`, 1);
      throw e;
    }
    w.items.forEach((item, i) => {
      placedAt.set(item, {
        target: w.target,
        line: lines[i] as number,
        index: indexes[i] as number,
        text: w.flows[i] as string,
      });
    });
  }
  const placed = plan.items.map((item) => ({
    item,
    ...(placedAt.get(item) as { target: string; line: number; index: number; text: string }),
  }));

  // The framework as it would be, checked once; each error of a new entry refuses its row.
  let after = files;
  for (const w of texts.values()) {
    const file: RawFile = { name: w.name, path: w.target, text: w.text };
    after = withFile(
      opts.root,
      after,
      file,
      after.find((f) => path.resolve(f.path) === path.resolve(w.target)),
    );
  }
  after.sort((a, b) => compareFrameworkPaths(opts.root, a.path, b.path));
  const checked = checkFiles(opts.root, after);
  const names = new Map([...texts.values()].map((w) => [w.name, w]));
  // Money has no key: a row identical to an entry already in the ledger (a sheet imported again)
  // or to another row is refused like an error, unless it says it is a second, real payment.
  const twice = (d: Diagnostic) => {
    if (d.code !== 'possible-duplicate' || d.src?.path[0] !== 'progress') return false;
    const p = placedByKey.get(`${names.get(d.src.file.name)?.target}\u0000${d.src.path[1]}`);
    return p !== undefined && p.item.request.kind !== 'result' && !p.item.request.again;
  };
  const placedByKey = new Map(placed.map((x) => [`${x.target}\u0000${x.index}`, x]));
  const newErrors = checked.diagnostics.filter((d) => d.severity === 'error' || twice(d));
  const unplaced: Diagnostic[] = [];
  const byRow = new Map<string, Diagnostic[]>();
  for (const d of newErrors) {
    const p =
      d.src?.path[0] === 'progress'
        ? placedByKey.get(`${names.get(d.src.file.name)?.target}\u0000${d.src.path[1]}`)
        : undefined;
    if (!p) {
      unplaced.push(d);
      continue;
    }
    const list = byRow.get(p.item.origin) ?? [];
    list.push(d);
    byRow.set(p.item.origin, list);
  }
  for (const [origin, ds] of byRow) {
    refused.push({ origin, message: ds.map(rowMessage).join('; '), diagnostics: ds });
  }
  // In sheet order: a focal point reads the messages beside the sheet.
  const order = sheetOrder([...plan.items.map((i) => i.origin), ...plan.refused.map((r) => r.origin)]);
  refused.sort((a, b) => (order.get(a.origin) ?? 0) - (order.get(b.origin) ?? 0));
  if (refused.length > 0 || unplaced.length > 0) {
    const n = refused.length;
    throw new BatchRefusal(
      n > 0
        ? `refused: ${n} ${n === 1 ? 'row' : 'rows'} cannot be recorded; nothing was recorded`
        : `refused: the entries would make the framework invalid (${unplaced.length} ${unplaced.length === 1 ? 'error' : 'errors'}); nothing was recorded`,
      refused,
      unplaced,
    );
  }
  const isNew = new Set(placed.map((p) => `${p.target}\u0000${p.index}`));
  const warnings = checked.diagnostics.filter(
    (d) =>
      d.severity === 'warning' &&
      !twice(d) &&
      d.src?.path[0] === 'progress' &&
      isNew.has(`${names.get(d.src.file.name)?.target}\u0000${d.src.path[1]}`),
  );
  return {
    result: {
      recorded: placed.map((p) => ({
        origin: p.item.origin,
        file: texts.get(p.target)?.name as string,
        line: p.line,
        text: p.text,
        created: texts.get(p.target)?.before === undefined,
        request: p.item.request,
      })),
      warnings,
      before: framework,
      after: checked.framework ?? framework,
    },
    writes: [...texts.values()],
  };
}

/**
 * Writes each file atomically. Should a later file fail, the files already written get their
 * old text back (a created file is removed), so the batch stays all or nothing.
 */
function writeBatch(writes: PlannedWrite[], opts: { pauseMs?: number; beforeRename?: () => void }): void {
  for (const w of writes) {
    if (w.before !== undefined && readText(w.realTarget) !== w.before) {
      throw new Refusal(`${w.name} changed while recording; nothing was recorded, run the command again`, 1);
    }
  }
  const done: PlannedWrite[] = [];
  try {
    for (const w of writes) {
      if (w.before !== undefined) atomicReplace(w.realTarget, w.text, opts);
      else atomicCreate(w.target, w.text, opts);
      done.push(w);
    }
  } catch (e) {
    for (const w of done.reverse()) {
      try {
        if (w.before !== undefined) atomicReplace(w.realTarget, w.before);
        else rmSync(w.target, { force: true });
      } catch {
        // the first failure is the one to report
      }
    }
    throw asWriteError(e, writes[done.length]?.target ?? '');
  }
}

/** A refused row's reason, with what to do from the sheet where the ledger already holds it. */
function rowMessage(d: Diagnostic): string {
  if (d.code === 'duplicate-entry') {
    return `${d.message.replace(/; add corrects: true to correct it$/, '')} (${d.code}); if this row corrects that figure, write yes in its Corrects column; if the sheet was imported before, leave the row out`;
  }
  if (d.code === 'possible-duplicate') {
    const first = /identical to the one at ([^ ]+)/.exec(d.message)?.[1];
    return `the same entry is already recorded${first ? ` at ${first}` : ''} (${d.code}): was the sheet imported before? Leave the row out; to undo a figure, give a negative amount; a second, real payment is recorded with \`record … --again\``;
  }
  return `${d.message} (${d.code})`;
}

/** Sheet order of row origins (`Figures row 7`, `row 7`): sheets as first met, then row numbers. */
function sheetOrder(origins: readonly string[]): Map<string, number> {
  const sheets = new Map<string, number>();
  const keyed = origins.map((o) => {
    const m = /^(.*?)\s*row (\d+)$/.exec(o);
    const sheet = m?.[1] ?? o;
    if (!sheets.has(sheet)) sheets.set(sheet, sheets.size);
    return { o, sheet: sheets.get(sheet) as number, row: Number(m?.[2] ?? 0) };
  });
  keyed.sort((a, b) => a.sheet - b.sheet || a.row - b.row);
  return new Map(keyed.map((k, i) => [k.o, i]));
}
