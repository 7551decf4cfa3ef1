import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, SECRET_KEYS } from '../../../src/config/config-schema.js';
import { ENV_BINDINGS } from '../../../src/config/env-overrides.js';
import { shippedFile } from '../../../src/config/paths.js';

const docs = readFileSync(shippedFile('docs/configuration.md'), 'utf8');
/** Table rows as trimmed cells (the formatter pads columns). */
const rows = docs
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

function leaves(value: unknown, prefix = ''): [string, unknown][] {
  // A list is one setting, documented as JSON.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

describe('docs/configuration.md', () => {
  it('documents every key with its default', () => {
    for (const [path, value] of leaves(configSchema.parse({}))) {
      const row = rows.find((cells) => cells[0] === `\`${path}\``);
      expect(row, path).toBeDefined();
      const shown = Array.isArray(value) ? JSON.stringify(value) : String(value);
      expect(row![1], path).toBe(`\`${shown}\``);
    }
  });

  it('documents every secret and environment variable', () => {
    for (const [path, variable] of Object.entries(SECRET_KEYS)) {
      expect(rows, path).toContainEqual(expect.arrayContaining([`\`${path}\``, `\`${variable}\``]));
    }
    for (const binding of ENV_BINDINGS) expect(docs, binding.variable).toContain(`\`${binding.variable}\``);
  });
});
