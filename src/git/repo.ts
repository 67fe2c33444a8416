import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayName, FRAMEWORK_EXT, type RawFile } from '../load/files.js';

/**
 * Reading a framework as it stood at a git revision, through the `git` command (never by parsing
 * `.git`): the files are listed with `git ls-tree` and read with one `git cat-file --batch`, into
 * memory, and named as the working tree's files are, so both sides go through the same loader and
 * the same names mean the same files.
 */

/** A git failure the user can act on (no repository, no such revision, no git). */
export class GitError extends Error {}

/** Output of a git command (bytes). Throws GitError with git's own first line of complaint. */
function git(cwd: string, args: string[], input?: Buffer): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      input,
      maxBuffer: 2 ** 31 - 1,
      stdio: ['pipe', 'pipe', 'pipe'],
      // A repository's own hooks and pagers never run for a read; no prompt for credentials.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer; status?: number };
    if (err.code === 'ENOENT')
      throw new GitError(
        'git is not installed (or not on PATH); --base and diff read the history through it',
      );
    const said = (err.stderr?.toString('utf8') ?? '').trim().split('\n')[0] ?? '';
    throw new GitError(said === '' ? `git ${args[0]} failed` : said.replace(/^(fatal|error): /, ''));
  }
}

/** A repository that holds a framework: its top directory and the framework's path inside it. */
export interface FrameworkRepo {
  top: string;
  /** The framework's path relative to `top`, with `/` ('' for the top itself). */
  inside: string;
  /** The framework's path as given: files at a revision are named from it, as the working tree's are. */
  root: string;
  /** True when the framework is a directory (not a single file). */
  dir: boolean;
}

/** The repository holding `root` (a framework directory or file). */
export function repoOf(root: string): FrameworkRepo {
  let isDir = true;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = !FRAMEWORK_EXT.test(root);
  }
  const dir = isDir ? root : path.dirname(root);
  let top: string;
  try {
    top = git(dir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (e) {
    if (e instanceof GitError && /not a git repository/i.test(e.message)) {
      throw new GitError(`${root} is not in a git repository`);
    }
    throw e;
  }
  const rel = path.relative(realOf(top), realOf(root)).split(path.sep).join('/');
  return { top, inside: rel, root, dir: isDir };
}

function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** The commit a revision names; a missing one is explained, with the shallow-clone hint when it applies. */
export function resolveRevision(repo: FrameworkRepo, rev: string): string {
  if (rev.trim() === '' || rev.startsWith('-')) throw new GitError(`"${rev}" is not a git revision`);
  try {
    return git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    let shallow = false;
    try {
      shallow = git(repo.top, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
    } catch {
      // an old git: say what is known
    }
    const hint = shallow
      ? 'this clone is shallow: fetch the history (`git fetch --unshallow`, or `fetch-depth: 0` for actions/checkout)'
      : 'fetch it first (`git fetch origin`; in CI check out with `fetch-depth: 0`)';
    throw new GitError(`no revision "${rev}" in ${repo.top}; ${hint}`);
  }
}

interface TreeFile {
  /** Path relative to the repository's top. */
  path: string;
  sha: string;
}

/** Sorts paths as the working tree's walk does: by path segment, each compared as text. */
function bySegments(a: TreeFile, b: TreeFile): number {
  const x = a.path.split('/');
  const y = b.path.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * The framework files at commit `commit`, as the loader reads them from disk: every `*.yaml`,
 * `*.yml` and `*.csv` below the framework (no dot-names, no node_modules), in path order, named
 * as `displayName` names the working tree's. Symbolic links and submodules are left out. An empty
 * list when the framework did not exist at the commit.
 */
export function readFilesAt(repo: FrameworkRepo, commit: string, cwd: string): RawFile[] {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (repo.inside !== '') args.push('--', repo.inside);
  const listed = git(repo.top, args).toString('utf8').split('\0');
  const files: TreeFile[] = [];
  for (const rec of listed) {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(rec);
    if (m?.[2] !== 'blob' || m[1] === '120000') continue;
    const p = m[4] as string;
    const below =
      repo.inside === '' ? p : p === repo.inside ? path.posix.basename(p) : p.slice(repo.inside.length + 1);
    if (repo.inside !== '' && p !== repo.inside && !p.startsWith(`${repo.inside}/`)) continue;
    const segs = below.split('/');
    if (segs.some((s) => s.startsWith('.') || s === 'node_modules')) continue;
    if (!FRAMEWORK_EXT.test(p)) continue;
    files.push({ path: p, sha: m[3] as string });
  }
  files.sort(bySegments);
  const texts = catBlobs(
    repo.top,
    files.map((f) => f.sha),
  );
  return files.map((f, i) => {
    // Named from the framework's path as given (not git's top, which is the real path), so a
    // file is named alike on both sides even below a symbolic link.
    const below = repo.inside === '' ? f.path : f.path.slice(repo.inside.length + 1);
    const full = repo.dir ? path.join(repo.root, below.split('/').join(path.sep)) : repo.root;
    return { name: displayName(full, cwd), path: full, text: texts[i] as string };
  });
}

/** The contents of blobs, read by one `git cat-file --batch`, decoded as the loader decodes files. */
function catBlobs(top: string, shas: string[]): string[] {
  if (shas.length === 0) return [];
  const out = git(top, ['cat-file', '--batch'], Buffer.from(`${shas.join('\n')}\n`, 'utf8'));
  const texts: string[] = [];
  let at = 0;
  for (const sha of shas) {
    const nl = out.indexOf(10, at);
    const head = out.subarray(at, nl).toString('utf8');
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(head);
    if (!m) throw new GitError(`git cat-file could not read ${sha}: ${head}`);
    const size = Number(m[2]);
    texts.push(out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return texts;
}
