import { Chalk, type ChalkInstance } from 'chalk';

/** A chalk instance that colours only when `enabled` (a TTY without NO_COLOR, say). */
export function colours(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}
