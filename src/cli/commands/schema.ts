import type { Command } from 'commander';
import { frameworkJsonSchema } from '../../schema/json-schema.js';
import type { Io } from '../context.js';

/** The JSON Schema text exactly as `schema` prints it (and as schema/framework.schema.json holds it). */
export function schemaText(): string {
  return `${JSON.stringify(frameworkJsonSchema(), null, 2)}\n`;
}

/** Registers `schema`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of a framework file, for editors and other tools')
    .action(() => {
      io.out(schemaText());
      setExit(0);
    });
}
