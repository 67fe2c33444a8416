import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Day, parseDate } from '../../src/core/dates.js';
import { readFrameworkFiles } from '../../src/load/files.js';
import { checkFiles } from '../../src/load/index.js';
import type { Framework } from '../../src/model/framework.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

function valid(root: string, checked: ReturnType<typeof checkFiles>): Framework {
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (!checked.framework || errors.length > 0) {
    throw new Error(`fixture ${root} is invalid: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  }
  return checked.framework;
}

/** A checked fixture framework from test/variance/fixtures/<name>. */
export function loadFixture(name: string): Framework {
  const root = path.join(FIXTURES, name);
  return valid(root, checkFiles(root, readFrameworkFiles(root, FIXTURES)));
}

/** A checked framework from in-memory YAML files. */
export function frameworkFrom(files: Record<string, string>): Framework {
  const raw = Object.entries(files).map(([name, text]) => ({ name, path: `/mem/${name}`, text }));
  return valid('/mem', checkFiles('/mem', raw));
}

/** A day from YYYY-MM-DD (throws on a bad date). */
export function day(text: string): Day {
  const d = parseDate(text);
  if (d === null) throw new Error(`bad date ${text}`);
  return d;
}
