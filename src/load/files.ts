import {
  closeSync,
  type Dirent,
  existsSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Reading framework files from disk: the only part of loading that touches the file system. */

export const FRAMEWORK_EXT = /\.(ya?ml|csv)$/i;

/** Whether a file of this name is read as part of a framework directory (YAML or CSV). */
export function isFrameworkFileName(p: string): boolean {
  return FRAMEWORK_EXT.test(p);
}

/** The shipped NEASPEC framework inside the installed package. */
export function shippedFramework(): string {
  // dist/cli.js and src/load/files.ts are both two levels below the package root.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.basename(here) === 'dist' ? path.dirname(here) : path.resolve(here, '..', '..');
  return path.join(root, 'frameworks', 'neaspec-2026-2030');
}

/** The root of the installed package (where schema/ lives). */
export function packageRoot(): string {
  return path.dirname(path.dirname(shippedFramework()));
}

/**
 * True when a directory holds a framework: a YAML file directly inside it with a top-level
 * `plan:` section. Only the directory itself is looked at, so a project that merely contains
 * frameworks somewhere below (a repository with test fixtures) does not count. A YAML file there
 * that cannot be read as UTF-8 text (saved as UTF-16, binary, or not readable at all) counts too:
 * it may be the plan, so the directory is taken as the framework and the file is reported, never
 * passed over for the shipped example.
 */
export function holdsFramework(dir: string): boolean {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((d) => {
    if (!d.isFile() || !/\.ya?ml$/i.test(d.name)) return false;
    let head: string;
    try {
      const fd = openSync(path.join(dir, d.name), 'r');
      try {
        const buf = Buffer.alloc(65536);
        head = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
      } finally {
        closeSync(fd);
      }
    } catch {
      return true; // unreadable: reported when the directory is read as the framework
    }
    // NUL bytes (UTF-16, binary) or a replacement character (not UTF-8) right at the start: not text.
    const start = head.slice(0, 4096);
    if (start.includes('\u0000') || start.includes('\ufffd')) return true;
    return /^plan:/m.test(head);
  });
}

/** Chooses the framework: --framework, else $NEASPEC_TRACK_FRAMEWORK, else the cwd if it holds one, else the shipped one. */
export function resolveFrameworkPath(
  option: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): string {
  if (option) return option;
  if (env.NEASPEC_TRACK_FRAMEWORK) return env.NEASPEC_TRACK_FRAMEWORK;
  if (holdsFramework(cwd)) return cwd;
  return shippedFramework();
}

/** Every *.yaml, *.yml and *.csv file below a directory, in path order; a file stands for itself. */
function listFrameworkFiles(target: string): string[] {
  const st = statSync(target);
  if (!st.isDirectory()) return [target];
  const out: string[] = [];
  const walk = (dir: string) => {
    const names = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const d of names) {
      if (d.name.startsWith('.') || d.name === 'node_modules') continue;
      const full = path.join(dir, d.name);
      if (d.isDirectory()) walk(full);
      else if (FRAMEWORK_EXT.test(d.name) && (d.isFile() || linkNotToDirectory(full))) out.push(full);
    }
  };
  walk(target);
  return out;
}

/**
 * A symbolic link to a file is read like the file; links to directories are not followed (no
 * loops). A dangling or looping link is listed too: reading it fails, and that is reported.
 */
function linkNotToDirectory(p: string): boolean {
  try {
    if (!lstatSync(p).isSymbolicLink()) return false;
  } catch {
    return false;
  }
  try {
    return !statSync(p).isDirectory();
  } catch {
    return true; // dangling or looping: listed, so that it is reported rather than skipped
  }
}

/** A file read from disk: the name to show and its text. */
export interface RawFile {
  name: string;
  path: string;
  text: string;
  /** Why the file could not be read (then `text` is empty); the checker reports it at the file. */
  unreadable?: string;
}

/** Reads framework files; `name` is relative to cwd when that is shorter. */
export function readFrameworkFiles(target: string, cwd: string): RawFile[] {
  if (!existsSync(target)) throw new Error(`no framework at ${target}`);
  return listFrameworkFiles(target).map((p) => {
    const name = displayName(p, cwd);
    try {
      return { name, path: p, text: readText(p) };
    } catch (e) {
      return { name, path: p, text: '', unreadable: unreadableReason(p, e) };
    }
  });
}

/** Why a listed file could not be read, in words. */
function unreadableReason(p: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  let link = false;
  try {
    link = lstatSync(p).isSymbolicLink();
  } catch {
    // gone meanwhile
  }
  if (link && code === 'ENOENT') return 'it is a symbolic link to a file that does not exist (ENOENT)';
  if (code === 'ELOOP') return 'it is a symbolic link that loops (ELOOP)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ENOENT') return 'it disappeared while being read (ENOENT)';
  return `the system refused to read it (${code})`;
}

/** Reads a file as UTF-8, replacing invalid bytes (the parser then reports them). */
export function readText(p: string): string {
  return readFileSync(p).toString('utf8');
}

/** A path relative to cwd when it lies below it, else absolute. */
export function displayName(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(p);
}
