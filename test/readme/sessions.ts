/**
 * Reading README.md's console sessions, and matching what a command printed against what the
 * README shows. The convention is described in test/readme/readme.test.ts and docs/CONTRIBUTING.md.
 */

/** One step of a README session: a command with its expected output, or a hidden step. */
export interface Step {
  /** The shell command, as typed after `$ ` (or inside `<!-- test: … -->`). */
  command: string;
  /** The README line of the command (1-based). */
  line: number;
  /** The lines the README shows after it; null for a hidden step (output not checked). */
  expected: string[] | null;
  /** The exit code the command must end with (`# exit N` at the end of the command; default 0). */
  exit: number;
}

/** A `console test` block, or a hidden step between blocks, with its options. */
export interface Session {
  line: number;
  steps: Step[];
  /** `today=YYYY-MM-DD`: the day the shown output was taken; the run's own today is shown as it. */
  today: string | null;
  /** `cwd=PATH`: where the block starts, relative to the repository root (default: the root). */
  cwd: string;
  /** `columns=N`: the terminal width the commands see (default 80). */
  columns: number;
  /** True for a hidden step: it runs where the previous block left off. */
  hidden: boolean;
}

/** The line that stands for any number of output lines. */
export const ELLIPSIS = '…';

const FENCE = /^(`{3,}|~{3,})\s*(\S*)\s*(.*)$/;
const HIDDEN = /^<!--\s*test:\s*(.+?)\s*-->\s*$/;
const EXIT = /\s+#\s*exit\s+(\d+)\s*$/;

/** Every `console test` block and hidden step of a Markdown text, in order. */
export function parseSessions(markdown: string): Session[] {
  const lines = markdown.split('\n');
  const sessions: Session[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const hidden = HIDDEN.exec(text);
    if (hidden) {
      sessions.push({
        line: i + 1,
        steps: [{ command: hidden[1] as string, line: i + 1, expected: null, exit: 0 }],
        today: null,
        cwd: '.',
        columns: 80,
        hidden: true,
      });
      continue;
    }
    const open = FENCE.exec(text);
    if (!open) continue;
    const fence = open[1] as string;
    let end = i + 1;
    while (end < lines.length && !(lines[end] as string).trimEnd().startsWith(fence)) end++;
    const words = (open[3] as string).split(/\s+/).filter(Boolean);
    if (open[2] === 'console' && words[0] === 'test') {
      sessions.push(parseBlock(lines.slice(i + 1, end), i + 2, words.slice(1)));
    }
    i = end;
  }
  return sessions;
}

function parseBlock(body: string[], firstLine: number, options: string[]): Session {
  const session: Session = {
    line: firstLine - 1,
    steps: [],
    today: null,
    cwd: '.',
    columns: 80,
    hidden: false,
  };
  for (const o of options) {
    const [k, v] = o.split('=', 2);
    if (k === 'today' && v && /^\d{4}-\d{2}-\d{2}$/.test(v)) session.today = v;
    else if (k === 'cwd' && v) session.cwd = v;
    else if (k === 'columns' && v && /^\d+$/.test(v)) session.columns = Number(v);
    else throw new Error(`README.md:${firstLine - 1}: unknown console test option "${o}"`);
  }
  body.forEach((text, k) => {
    if (text.startsWith('$ ')) {
      let command = text.slice(2);
      let exit = 0;
      const m = EXIT.exec(command);
      if (m) {
        exit = Number(m[1]);
        command = command.slice(0, m.index);
      }
      session.steps.push({ command, line: firstLine + k, expected: [], exit });
    } else {
      const step = session.steps.at(-1);
      if (!step?.expected) {
        throw new Error(`README.md:${firstLine + k}: a console test block must begin with a "$ " command`);
      }
      step.expected.push(text);
    }
  });
  return session;
}

/** Lines of output as compared: trailing spaces and trailing blank lines dropped. */
export function outputLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** True when the actual lines match the expected ones, where a line `…` matches any number of lines. */
export function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const go = (e: number, a: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e] === ELLIPSIS) {
      for (let k = a; k <= actual.length; k++) if (go(e + 1, k)) return true;
      return false;
    }
    return a < actual.length && expected[e] === actual[a] && go(e + 1, a + 1);
  };
  return go(0, 0);
}
