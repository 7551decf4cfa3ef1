/**
 * Aggregates: counting cells in SQL, replacing the stored rows of whole periods, and reading them.
 */
import { type Kysely, sql } from 'kysely';
import { chunk } from './chunk.js';
import { bumpDataVersion } from './data-versions.js';
import type { DialectHooks } from './dialect-hooks.js';
import { InvalidStoreInputError } from './errors/invalid-store-input-error.js';
import type { AggregatesTable, Database } from './schema.js';
import type { AggregateCounts, AggregateRow, ThemeKey, TumourGroupKey } from './store.js';

/**
 * Each comment joins to its theme keys (each theme, scored −1/0/1 by the theme's own sentiment,
 * plus `all` with the overall label and score) and its tumour-group keys (each group plus `all`);
 * grouping the cross product gives every cell including the roll-ups in one statement.
 */
export async function countAggregates(
  db: Kysely<Database>,
  range: { periodFrom?: string; periodTo?: string } = {},
): Promise<AggregateCounts[]> {
  const rows = await db
    .with('theme_keys', (qb) =>
      qb
        .selectFrom('comment_themes')
        .select([
          'source',
          'external_id',
          'theme',
          sql<string>`sentiment`.as('label'),
          sql<number>`case sentiment when 'positive' then 1.0 when 'negative' then -1.0 else 0.0 end`.as('score'),
        ])
        .unionAll(
          qb
            .selectFrom('comments')
            .select([
              'source',
              'external_id',
              sql<string>`'all'`.as('theme'),
              'sentiment_label as label',
              'sentiment_score as score',
            ]),
        ),
    )
    .with('group_keys', (qb) =>
      qb
        .selectFrom('comment_tumour_groups')
        .select(['source', 'external_id', 'tumour_group'])
        .unionAll(qb.selectFrom('comments').select(['source', 'external_id', sql<string>`'all'`.as('tumour_group')])),
    )
    .selectFrom('comments as c')
    .innerJoin('theme_keys as t', (join) =>
      join.onRef('t.source', '=', 'c.source').onRef('t.external_id', '=', 'c.external_id'),
    )
    .innerJoin('group_keys as g', (join) =>
      join.onRef('g.source', '=', 'c.source').onRef('g.external_id', '=', 'c.external_id'),
    )
    .where('c.ods_code', 'is not', null)
    .where('c.duplicate_of', 'is', null)
    .$if(range.periodFrom !== undefined, (qb) => qb.where('c.period', '>=', range.periodFrom!))
    .$if(range.periodTo !== undefined, (qb) => qb.where('c.period', '<=', range.periodTo!))
    .select((eb) => [
      'c.ods_code',
      't.theme',
      'g.tumour_group',
      'c.period',
      eb.fn.countAll().as('n'),
      eb.fn.sum(eb.case().when('t.label', '=', 'positive').then(1).else(0).end()).as('positive'),
      eb.fn.sum(eb.case().when('t.label', '=', 'neutral').then(1).else(0).end()).as('neutral'),
      eb.fn.sum(eb.case().when('t.label', '=', 'negative').then(1).else(0).end()).as('negative'),
      eb.fn.avg('t.score').as('mean_score'),
    ])
    .groupBy(['c.ods_code', 't.theme', 'g.tumour_group', 'c.period'])
    .orderBy('c.period')
    .orderBy('c.ods_code')
    .orderBy('t.theme')
    .orderBy('g.tumour_group')
    .execute();
  // PostgreSQL returns count and sum as bigint strings; SQLite as numbers.
  return rows.map((r) => ({
    odsCode: r.ods_code!,
    theme: r.theme as ThemeKey,
    tumourGroup: r.tumour_group as TumourGroupKey,
    period: r.period,
    n: Number(r.n),
    positive: Number(r.positive),
    neutral: Number(r.neutral),
    negative: Number(r.negative),
    meanScore: Number(r.mean_score),
  }));
}

const cellKey = (r: AggregateCounts): string => [r.odsCode, r.theme, r.tumourGroup, r.period].join('\u0000');

function toRow(r: AggregateRow): AggregatesTable {
  return {
    ods_code: r.odsCode,
    theme: r.theme,
    tumour_group: r.tumourGroup,
    period: r.period,
    n: r.n,
    positive: r.positive,
    neutral: r.neutral,
    negative: r.negative,
    mean_score: r.meanScore,
    positive_share: r.positiveShare,
    positive_share_lower: r.positiveShareLower,
    positive_share_upper: r.positiveShareUpper,
    computed_at: r.computedAt,
  };
}

/** Deletes every row in `periods` and in the periods `rows` cover, then inserts `rows`, and replaces the
 *  aggregates' data version, atomically. */
export async function replaceAggregates(
  db: Kysely<Database>,
  hooks: DialectHooks,
  rows: readonly AggregateRow[],
  periods: readonly string[],
): Promise<void> {
  const seen = new Set<string>();
  for (const r of rows) {
    const key = cellKey(r);
    if (seen.has(key)) {
      throw new InvalidStoreInputError(
        `aggregate cell given twice: ${r.odsCode} × ${r.theme} × ${r.tumourGroup} × ${r.period}`,
      );
    }
    seen.add(key);
  }
  const cleared = [...new Set([...periods, ...rows.map((r) => r.period)])];
  if (cleared.length === 0) return;
  await hooks.writeTransaction(db, async (trx) => {
    await bumpDataVersion(trx, 'aggregates');
    for (const part of chunk(cleared, hooks.maxBindParameters)) {
      await trx.deleteFrom('aggregates').where('period', 'in', part).execute();
    }
    const perStatement = Math.min(1000, Math.floor(hooks.maxBindParameters / 13));
    for (const part of chunk(rows, perStatement)) {
      await trx.insertInto('aggregates').values(part.map(toRow)).execute();
    }
  });
}

export async function listAggregates(
  db: Kysely<Database>,
  filter: {
    odsCode?: string;
    theme?: ThemeKey;
    tumourGroup?: TumourGroupKey;
    periodFrom?: string;
    periodTo?: string;
  },
): Promise<AggregateRow[]> {
  const rows = await db
    .selectFrom('aggregates')
    .selectAll()
    .$if(filter.odsCode !== undefined, (qb) => qb.where('ods_code', '=', filter.odsCode!))
    .$if(filter.theme !== undefined, (qb) => qb.where('theme', '=', filter.theme!))
    .$if(filter.tumourGroup !== undefined, (qb) => qb.where('tumour_group', '=', filter.tumourGroup!))
    .$if(filter.periodFrom !== undefined, (qb) => qb.where('period', '>=', filter.periodFrom!))
    .$if(filter.periodTo !== undefined, (qb) => qb.where('period', '<=', filter.periodTo!))
    .orderBy('period')
    .orderBy('ods_code')
    .orderBy('theme')
    .orderBy('tumour_group')
    .execute();
  return rows.map((r) => ({
    odsCode: r.ods_code,
    theme: r.theme as ThemeKey,
    tumourGroup: r.tumour_group as TumourGroupKey,
    period: r.period,
    n: Number(r.n),
    positive: Number(r.positive),
    neutral: Number(r.neutral),
    negative: Number(r.negative),
    meanScore: Number(r.mean_score),
    positiveShare: Number(r.positive_share),
    positiveShareLower: Number(r.positive_share_lower),
    positiveShareUpper: Number(r.positive_share_upper),
    computedAt: r.computed_at,
  }));
}

/** The periods that have stored aggregate rows, oldest first. */
export async function listAggregatePeriods(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('aggregates').select('period').distinct().orderBy('period').execute();
  return rows.map((r) => r.period);
}
