import type { Src } from './source.js';

/** Diagnostics are data: a stable code, a severity, a message and where. One formatter turns them into text. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Where; absent for problems that belong to no file (e.g. a missing framework). */
  src?: Src;
  /** Point at the key rather than the value (unknown keys, duplicate ids). */
  atKey?: boolean;
}

/** Builds an error diagnostic. */
export function error(code: string, message: string, src?: Src, atKey = false): Diagnostic {
  return { code, severity: 'error', message, src, atKey };
}

/** Builds a warning diagnostic. */
export function warning(code: string, message: string, src?: Src, atKey = false): Diagnostic {
  return { code, severity: 'warning', message, src, atKey };
}

/** True when any diagnostic is an error. */
export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}
