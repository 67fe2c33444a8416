import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The README shows the pull-request comment twice: as `diff --format md` prints it (a console test
// block, run by test/readme) and as GitHub renders it (quoted). The rendered copy must be that output.
it('the README renders exactly the comment its diff session prints', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const cmd = '$ npx neaspec-track diff main --as-of 2026-11-28 --format md\n';
  const at = readme.indexOf(cmd) + cmd.length;
  const printed = readme.slice(at, readme.indexOf('```\n', at));
  const start = '<!-- diff comment: start -->\n';
  const from = readme.indexOf(start) + start.length;
  const quoted = readme.slice(from, readme.indexOf('<!-- diff comment: end -->', from));
  const rendered = quoted.replace(/^> ?/gm, '');
  expect(printed.startsWith('<!-- neaspec-track diff -->\n')).toBe(true);
  expect(rendered).toBe(printed);
});
