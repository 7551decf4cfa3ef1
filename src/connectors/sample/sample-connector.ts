import { createHash } from 'node:crypto';
import type { Connector, ConnectorContext, FetchedPage } from '../connector.js';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';
import { composeSampleComment, type SampleTruth, type SampleWorld } from './compose-comment.js';
import { loadSampleTrusts, type SampleTrust } from './reference-trusts.js';

export interface SampleConnectorOptions {
  /** The same seed gives the same comments. @defaultValue 42 */
  seed?: number;
  /** Comments in the whole sample. @defaultValue 2000 */
  count?: number;
  /** Comments per page. @defaultValue 200 */
  pageSize?: number;
  /** Comments are dated over the 18 months before this. @defaultValue 2026-11-01T00:00:00Z */
  referenceDate?: Date | string;
  /** Trusts to write about. @defaultValue the open acute trusts of config/reference/ods-trusts.csv */
  trusts?: readonly SampleTrust[];
  /** Source id. @defaultValue `sample` */
  id?: string;
}

export const DEFAULT_SAMPLE_SEED = 42;
export const DEFAULT_SAMPLE_COUNT = 2000;
export const DEFAULT_SAMPLE_PAGE_SIZE = 200;
export const DEFAULT_REFERENCE_DATE = '2026-11-01T00:00:00Z';

function worldOf(options: Pick<SampleConnectorOptions, 'referenceDate' | 'trusts'>): SampleWorld {
  const referenceDate = new Date(options.referenceDate ?? DEFAULT_REFERENCE_DATE);
  if (Number.isNaN(referenceDate.getTime())) throw new RangeError('sample source: referenceDate is not a valid date');
  return { trusts: options.trusts ?? loadSampleTrusts(), referenceDate };
}

/**
 * What sample comment `index` was generated to say (tumour group, themes, polarity, trust, planted
 * personal details), kept apart from the comment so nothing downstream can read it by accident.
 */
export function describeSampleItem(
  seed: number,
  index: number,
  options: Pick<SampleConnectorOptions, 'referenceDate' | 'trusts'> = {},
): SampleTruth {
  return composeSampleComment(seed, index, worldOf(options)).truth;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`sample source: ${name} must be a positive integer`);
  return value;
}

/**
 * The `sample` source: a seeded generator of synthetic public comments about cancer care at real NHS
 * trusts, for demos, tests and evaluations. The cursor is the next index; pages are pure functions of
 * (seed, cursor), so re-fetching a page gives the same comments and the same content hash.
 */
export function createSampleConnector(options: SampleConnectorOptions = {}): Connector {
  const id = options.id ?? 'sample';
  const seed = options.seed ?? DEFAULT_SAMPLE_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError('sample source: seed must be an integer from 0 to 4294967295');
  }
  const count = positiveInteger(options.count ?? DEFAULT_SAMPLE_COUNT, 'count');
  const pageSize = positiveInteger(options.pageSize ?? DEFAULT_SAMPLE_PAGE_SIZE, 'pageSize');
  const world = worldOf(options);

  return {
    id,
    async fetchPage(cursor: string | null, ctx: ConnectorContext): Promise<FetchedPage> {
      ctx.signal?.throwIfAborted();
      let from = 0;
      if (cursor !== null) {
        if (!/^\d+$/.test(cursor)) throw new InvalidCursorError(id, cursor, 'expected the next item index');
        from = Math.min(Number(cursor), count);
      }
      const to = Math.min(from + pageSize, count);
      const items = [];
      for (let index = from; index < to; index++) items.push(composeSampleComment(seed, index, world).item);
      return {
        url: `sample://${seed}?from=${from}&to=${to}`,
        fetchedAt: ctx.now().toISOString(),
        contentHash: createHash('sha256').update(JSON.stringify(items)).digest('hex'),
        items: items.map((item) => ({ ok: true as const, item })),
        nextCursor: to < count ? String(to) : null,
      };
    },
  };
}
