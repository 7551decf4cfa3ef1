import { describe, expect, it } from 'vitest';
import { dryRunSource } from '../../../src/app/source-dry-run.js';
import type { Connector } from '../../../src/connectors/connector.js';
import { redact } from '../../../src/domain/redaction/redact.js';

const connector: Connector = {
  id: 'synthetic',
  async fetchPage(cursor, ctx) {
    expect(cursor).toBeNull();
    expect(await ctx.state.get('mark:anything')).toBeNull();
    return {
      url: 'https://example.org/page-1',
      fetchedAt: '2025-06-01T00:00:00.000Z',
      contentHash: 'f'.repeat(64),
      nextCursor: 'page-2',
      items: [
        {
          ok: true,
          item: {
            externalId: 'a',
            text: `Email me at jo.bloggs@example.com about the clinic. ${'Long wait. '.repeat(40)}`,
            authorHandle: 'synthetic_author',
          },
        },
        { ok: true, item: { externalId: 'b', text: 'Ring 07700 900123 if the ward calls.' } },
        { ok: true, item: { externalId: 'gone', text: '', deleted: true } },
        { ok: false, rejection: { code: 'missing_text', reason: 'no text', raw: {}, externalId: 'c' } },
      ],
    };
  },
};

describe('dryRunSource', () => {
  it('summarises one page with redacted, shortened text and the next cursor', async () => {
    const report = await dryRunSource(connector, { redact, textLength: 60 });
    expect(report).toMatchObject({
      source: 'synthetic',
      url: 'https://example.org/page-1',
      accepted: 2,
      rejected: 1,
      deleted: 1,
      nextCursor: 'page-2',
      rejections: [{ code: 'missing_text', reason: 'no text', externalId: 'c' }],
    });
    const shown = JSON.stringify(report.sample);
    expect(shown).not.toContain('jo.bloggs@example.com');
    expect(shown).not.toContain('07700 900123');
    expect(shown).not.toContain('synthetic_author');
    expect(report.sample[0]!.text.length).toBeLessThanOrEqual(61);
    expect(report.sample[0]!.redactions).toContainEqual({ kind: 'email', count: 1 });
    expect(report.sample[1]!.redactions).toContainEqual({ kind: 'phone', count: 1 });
  });
});
