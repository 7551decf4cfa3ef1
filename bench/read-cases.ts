/**
 * Case files for the evaluations: JSON Lines, one case per line, read from the package or from a path
 * given with `--cases FILE`. A line that is not JSON fails with its file and line number, so a typo in a
 * hand-written test set is found at once rather than skewing the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { shippedFile } from '../src/config/paths.js';

/** Where the independent (blind) test sets live, relative to the package root. */
export const BLIND_FIXTURES = 'test/fixtures/blind';

/** Reads a JSON Lines file; `check` validates each parsed line and returns it typed, or throws. */
export function readJsonLines<T>(file: string, check: (value: unknown, where: string) => T): T[] {
  if (!existsSync(file)) throw new Error(`case file not found: ${file}`);
  const cases: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${file}:${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
      }
      cases.push(check(value, where));
    });
  return cases;
}

/**
 * The blind case file: `--cases FILE` on the command line (relative to the working directory) or the
 * shipped file `test/fixtures/blind/<name>` by default.
 */
export function blindCasesFile(name: string, argv: readonly string[] = process.argv.slice(2)): string {
  const at = argv.indexOf('--cases');
  if (at === -1) return shippedFile(`${BLIND_FIXTURES}/${name}`);
  const given = argv[at + 1];
  if (given === undefined || given.startsWith('--')) throw new Error('--cases needs a file path');
  return isAbsolute(given) ? given : resolve(process.cwd(), given);
}

/** Asserts a plain object, so field checks can index it. */
export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A required string field. */
export function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
  return value;
}

/** A required array whose members all belong to `allowed` (e.g. REDACTION_KINDS). */
export function enumArrayField<T extends string>(
  record: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  where: string,
): T[] {
  const value = record[key];
  if (!Array.isArray(value)) throw new Error(`${where}: "${key}" must be an array`);
  for (const member of value) {
    if (!allowed.includes(member as T))
      throw new Error(`${where}: "${key}" has unknown value ${JSON.stringify(member)}`);
  }
  return value as T[];
}
