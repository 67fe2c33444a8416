import type { Diagnostic } from './diagnostics.js';
import type { SourceFile } from './source.js';

/** A parsed framework file: its top-level value and the file it came from. */
export interface ParsedFile {
  file: SourceFile;
  /** The top-level mapping as plain data (null-prototype objects), or undefined when unparseable. */
  value: unknown;
  diagnostics: Diagnostic[];
}
