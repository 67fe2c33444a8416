import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create } from 'xmlbuilder2';
import { DEFAULT_EXTENSION_NAMESPACE } from '../../src/compute/iati.js';
import { ROOT, tempDir } from '../helpers/cli.js';

/** Helpers of the IATI tests: the official 2.03 schema carried in the repository, xmllint, and reading the XML back. */

/** The IATI 2.03 activity schema, carried unchanged in test/vendor/iati-2.03 (see its README for origin and licence). */
export const XSD = path.resolve(ROOT, 'test', 'vendor', 'iati-2.03', 'iati-activities-schema.xsd');

/** Fails clearly when the schema is missing: validating against nothing proves nothing. */
export function requireXsd(): string {
  if (!existsSync(XSD)) {
    throw new Error(
      `the IATI 2.03 schema is missing at ${XSD}: the tests validate against the official XSD, carried in test/vendor/iati-2.03 (with iati-common.xsd and xml.xsd)`,
    );
  }
  return XSD;
}

/** xmllint --schema on the text: its exit code and messages (0 and "… validates" when valid). */
export function xmllint(xml: string): { code: number; output: string } {
  const xsd = requireXsd();
  const tmp = tempDir('neaspec-iati-');
  try {
    const file = path.join(tmp.dir, 'activity.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`xmllint could not run (Debian package libxml2-utils): ${r.error.message}`);
    return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}`.replaceAll(file, 'activity.xml') };
  } finally {
    tmp.cleanup();
  }
}

/** The part of the DOM the tests read (the project compiles without the DOM library's types). */
export interface XElement {
  nodeType: number;
  nodeName: string;
  localName: string | null;
  namespaceURI: string | null;
  textContent: string | null;
  childNodes: ArrayLike<XElement>;
  attributes: ArrayLike<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
}

/** The XML parsed into a DOM (xmlbuilder2's reader). */
export function parseXml(xml: string): XElement {
  return create(xml).node as unknown as XElement;
}

/** The element children of `el` named `name` (no namespace), in order. */
export function kids(el: XElement, name: string): XElement[] {
  return Array.from(el.childNodes).filter((n) => n.nodeType === 1 && n.nodeName === name);
}

/** The first child named `name`; throws when there is none. */
export function kid(el: XElement, name: string): XElement {
  const k = kids(el, name)[0];
  if (!k) throw new Error(`<${el.nodeName}> has no <${name}>`);
  return k;
}

/** The extension (nt:) children of `el` with local name `name`, in the default namespace. */
export function ext(el: XElement, name: string): XElement[] {
  return Array.from(el.childNodes).filter(
    (n) => n.nodeType === 1 && n.namespaceURI === DEFAULT_EXTENSION_NAMESPACE && n.localName === name,
  );
}

/** The text of an element's first narrative. */
export function narrativeOf(el: XElement): string {
  return kid(el, 'narrative').textContent ?? '';
}

/** The one iati-activity of a file. */
export function activityOf(xml: string): XElement {
  const doc = parseXml(xml);
  const root = kids(doc, 'iati-activities')[0] as XElement;
  return kid(root, 'iati-activity');
}
