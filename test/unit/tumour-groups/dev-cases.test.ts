import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config/paths.js';
import { TUMOUR_GROUPS, type TumourGroupId } from '../../../src/domain/model.js';
import { tagTumourGroups } from '../../../src/domain/tumour-groups/tag-tumour-groups.js';

interface DevCase {
  text: string;
  groups: TumourGroupId[];
  rareCancer: boolean;
}

const cases = readFileSync(join(packageRoot(), 'test/fixtures/tumour-groups/dev-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as DevCase);

describe('tumour-groups dev-cases.jsonl', () => {
  it('has at least 60 cases, with no-group cases and cases naming two groups', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.groups.length === 0).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.groups.length > 1).length).toBeGreaterThanOrEqual(3);
    for (const c of cases) for (const g of c.groups) expect(TUMOUR_GROUPS, c.text).toContain(g);
  });

  it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => {
    const tags = tagTumourGroups(c.text);
    expect(tags.groups).toEqual(TUMOUR_GROUPS.filter((g) => c.groups.includes(g)));
    expect(tags.rareCancer).toBe(c.rareCancer);
  });
});
