import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** docs/diagnostics.md promises stable codes: it must list exactly the codes the source can emit. */

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

test('docs/diagnostics.md lists every diagnostic code, and only those', () => {
  const emitted = new Set<string>();
  for (const f of sources(path.join(ROOT, 'src'))) {
    const text = readFileSync(f, 'utf8');
    // error('code', …) / warning('code', …), the code possibly on the next line; and an entry
    // decoder's findings, sink.add('code', …) (normalise/entry-decoders.ts)
    for (const m of text.matchAll(/\b(?:error|warning|sink\.add)\(\s*'([a-z-]+)'/g))
      emitted.add(m[1] as string);
    // codes chosen in a conditional by the checkers: const code = … ? 'duplicate-key' : 'yaml-syntax'
    if (!/[/\\](load|normalise|rules)[/\\]/.test(f)) continue;
    for (const m of text.matchAll(/\?\s*'([a-z]+(?:-[a-z]+)+)'\s*:\s*'([a-z]+(?:-[a-z]+)+)'/g)) {
      emitted.add(m[1] as string);
      emitted.add(m[2] as string);
    }
  }
  const doc = readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1] as string));
  expect([...emitted].filter((c) => !documented.has(c)).sort()).toEqual([]);
  expect([...documented].filter((c) => !emitted.has(c)).sort()).toEqual([]);
  expect(documented.size).toBeGreaterThan(50);
});
