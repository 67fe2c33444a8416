import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { ROOT, tempDir } from '../helpers/cli.js';

/**
 * The JSON Schema as an editor reads it: yaml-language-server itself (the engine of VS Code's YAML
 * extension), through its exported language service, resolving each file's
 * `# yaml-language-server: $schema=…` line from disk as the editor would. YAML reads `2026:` as an
 * integer key, so a `propertyNames` with `"type": "string"` flagged every targets, planned and
 * rates map.
 */

const service = getLanguageService({
  schemaRequestService: async (uri: string) => readFileSync(fileURLToPath(uri), 'utf8'),
  workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).href },
});
service.configure({ validate: true, completion: false, hover: false, yamlVersion: '1.2' });

async function diagnostics(file: string): Promise<string[]> {
  const doc = TextDocument.create(pathToFileURL(file).href, 'yaml', 1, readFileSync(file, 'utf8'));
  const found = await service.doValidation(doc, false);
  return found.map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

describe('yaml-language-server reads the shipped files with the schema', () => {
  const files = [...yamlFiles(path.join(ROOT, 'frameworks')), ...yamlFiles(path.join(ROOT, 'examples'))];

  it('finds the shipped files', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`${path.relative(ROOT, file)}: no diagnostics`, async () => {
      expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
      expect(await diagnostics(file)).toEqual([]);
    });
  }

  describe('an invalid file', () => {
    const tmp = tempDir('neaspec-editor-schema-');
    afterAll(() => tmp.cleanup());
    const schema = pathToFileURL(path.join(ROOT, 'schema', 'framework.schema.json')).href;
    const file = path.join(tmp.dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        `# yaml-language-server: $schema=${schema}`,
        'indicators:',
        '  - id: X-a',
        '    result: X',
        '    titel: Wrong key',
        '    unit: things',
        '    measure: number',
        '    direction: increase',
        '    aggregation: cumulative',
        '    baseline: {year: 2025, value: 0}',
        '    targets: {2026: 1, 20x8: 2}',
        '    frequency: annual',
        'budget:',
        '  rates: {KRW: {2026: 0.00072}, krw: {2026: 1}}',
        '',
      ].join('\n'),
    );

    it('gets the right diagnostics, and none for the integer year keys', async () => {
      const found = await diagnostics(file);
      expect([...found].sort()).toEqual(
        [
          '3: Missing property "title".',
          '5: Property titel is not allowed.',
          '11: String does not match the pattern of "^\\d{4}$".',
          '14: String does not match the pattern of "^[A-Z]{3}$".',
        ].sort(),
      );
    });
  });
});
