import type { Command } from 'commander';
import { standingChanges, standingText } from '../../compute/standing.js';
import { exportSheetHolds, isExportWorkbook } from '../../export/xlsx-views.js';
import { BatchRefusal, recordBatch } from '../../ledger/batch.js';
import { LockTimeout } from '../../ledger/lock.js';
import { Refusal } from '../../ledger/record.js';
import { unknownColumns } from '../../ledger/sheet-columns.js';
import { sheetEntries } from '../../ledger/sheet-entries.js';
import { holdsFramework } from '../../load/files.js';
import { readSheet, SheetError, summarise } from '../../load/sheet.js';
import { formatText } from '../../render/diagnostics.js';
import { CliError, chalkFor, frameworkPath, type GlobalOptions, type Io, readUserFile } from '../context.js';

interface ImportOptions {
  dryRun?: boolean;
}

/** `import FILE`: records every filled row of a sheet through record's checks, all or nothing. */
export async function runImport(
  io: Io,
  global: GlobalOptions,
  file: string,
  opts: ImportOptions,
): Promise<number> {
  if (global.framework === undefined && !io.env.NEASPEC_TRACK_FRAMEWORK && !holdsFramework(io.cwd)) {
    throw new CliError(
      `no framework in ${io.cwd}; import writes only to a framework you select (--framework PATH or NEASPEC_TRACK_FRAMEWORK)`,
      2,
    );
  }
  const bytes = readUserFile(io, file);
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(bytes, file);
  } catch (e) {
    if (e instanceof SheetError) throw new CliError(`${file}: ${e.message}; nothing was recorded`, 1);
    throw e;
  }
  for (const n of sheet.notes) io.err(`note: ${file}: ${n}\n`);
  // A workbook written by `export` holds read-only views, not entries: its sheets are skipped, and said so.
  if (isExportWorkbook(sheet.tables)) {
    const views = sheet.tables.filter((t) => exportSheetHolds(t.sheet) !== undefined);
    for (const t of views) {
      io.err(
        `note: ${file}: sheet "${t.sheet}" skipped: a read-only view written by \`export\` (${exportSheetHolds(t.sheet)}), not entries to record\n`,
      );
    }
    sheet = { ...sheet, tables: sheet.tables.filter((t) => !views.includes(t)) };
    if (sheet.tables.length === 0) {
      io.out(
        `nothing to record: ${file} is a workbook written by \`export\`, whose sheets are views, not entries (\`init --from\` makes a framework of it; a sheet made by \`template\` records figures)\n`,
      );
      return 0;
    }
  }
  if (sheet.tables.length === 0) {
    throw new CliError(
      `${file}: no table with an "Indicator" or "Budget line" column in its first rows (make one with \`neaspec-track template\`); nothing was recorded`,
      1,
    );
  }
  const root = frameworkPath(io, global);
  const c = chalkFor({ ...io, color: false });
  let skipped: { origin: string; message: string }[] = [];
  try {
    const done = await recordBatch(
      { root, cwd: io.cwd, dryRun: opts.dryRun, onWait: (m) => io.err(`neaspec-track: ${m}\n`) },
      (fw) => {
        const unknown = unknownColumns(sheet, fw);
        if (unknown.length > 0) throw new SheetError(summarise(unknown));
        const plan = sheetEntries(sheet, fw, io.today());
        skipped = plan.skipped ?? [];
        return plan;
      },
    );
    if (done.warnings.length > 0) io.err(formatText(done.warnings, c, root));
    for (const k of skipped) io.err(`${k.origin}: ${k.message}\n`);
    const verb = opts.dryRun ? 'would record' : 'recorded';
    for (const r of done.recorded) {
      io.out(`${r.origin}: ${verb} ${r.file}:${r.line}${r.created ? ' (new file)' : ''}: ${r.text}\n`);
    }
    // One line per indicator: its standing figure before and after the rows, and its status.
    const ids = done.recorded.flatMap((r) => (r.request.kind === 'result' ? [r.request.indicator] : []));
    for (const m of standingChanges(done.before, done.after, ids, io.today())) io.out(`${standingText(m)}\n`);
    const n = done.recorded.length;
    const total = `${n} ${n === 1 ? 'entry' : 'entries'}`;
    io.out(
      n === 0
        ? `nothing to record: no row of ${file} has a figure\n`
        : opts.dryRun
          ? `${total} would be recorded (dry run: nothing was written)\n`
          : `${total} recorded\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof BatchRefusal) {
      for (const k of skipped) io.err(`${k.origin}: ${k.message}\n`);
      for (const r of e.rows) io.err(`${r.origin}: refused: ${r.message}\n`);
      if (e.diagnostics.length > 0) io.err(formatText(e.diagnostics, c, root));
      throw new CliError(e.message, 1);
    }
    if (e instanceof Refusal) {
      if (e.diagnostics.length > 0) io.err(formatText(e.diagnostics, c, root));
      throw new CliError(e.message, e.exitCode);
    }
    if (e instanceof LockTimeout) throw new CliError(e.message, 1);
    if (e instanceof SheetError) throw new CliError(`${file}: ${e.message}; nothing was recorded`, 1);
    throw e;
  }
}

/** Registers `import`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('import')
    .description(
      'record the filled rows of a sheet (.xlsx or .csv) through the checks of `record`, all or nothing',
    )
    .argument('<file>', 'the filled sheet (from `template`, or any table with the same column headers)')
    .option('--dry-run', 'check every row and say what would be recorded; write nothing')
    .action(async (file: string, opts: ImportOptions, cmd: Command) => {
      setExit(await runImport(io, cmd.optsWithGlobals(), file, opts));
    });
}
