/** Writes and reads of triangulated scores and the per-tumour-group summary (migration 005). */
import { type Kysely, sql } from 'kysely';
import { COMMON_TUMOUR_GROUPS, type ThemeId, type TumourGroupId } from '../domain/model.js';
import { chunk } from './chunk.js';
import { bumpDataVersion } from './data-versions.js';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';
import type { Page } from './store.js';
import { decodeTriangulationCursor, encodeTriangulationCursor } from './triangulation-cursor.js';
import type {
  TriangulatedCell,
  TriangulationFilter,
  TriangulationSource,
  TumourGroupSummary,
} from './triangulation-types.js';

const SCORE_COLUMNS = 13;

const INPUTS_ROW = 'latest';

/**
 * Replaces every stored score and summary row in one transaction, so readers never see half a run, with
 * the fingerprint of the inputs they came from (none given: the old fingerprint is dropped, so no later
 * run takes these scores for up to date).
 */
export async function replaceTriangulation(
  db: Kysely<Database>,
  hooks: DialectHooks,
  cells: readonly TriangulatedCell[],
  summary: readonly TumourGroupSummary[],
  computedAt: string,
  inputsFingerprint?: string,
): Promise<void> {
  await hooks.writeTransaction(db, async (trx) => {
    await bumpDataVersion(trx, 'triangulation');
    await trx.deleteFrom('triangulated_scores').execute();
    await trx.deleteFrom('triangulation_summary').execute();
    await trx.deleteFrom('triangulation_inputs').execute();
    if (inputsFingerprint !== undefined) {
      await trx
        .insertInto('triangulation_inputs')
        .values({ id: INPUTS_ROW, fingerprint: inputsFingerprint, computed_at: computedAt })
        .execute();
    }
    for (const part of chunk(cells, Math.floor(hooks.maxBindParameters / SCORE_COLUMNS))) {
      await trx
        .insertInto('triangulated_scores')
        .values(
          part.map((c) => ({
            ods_code: c.odsCode,
            trust_name: c.trustName,
            tumour_group: c.tumourGroup,
            theme: c.theme,
            estimate: c.estimate,
            lower: c.lower,
            upper: c.upper,
            observed: c.observed ? 1 : 0,
            respondents: c.respondents,
            rare_cancer: COMMON_TUMOUR_GROUPS.includes(c.tumourGroup) ? 0 : 1,
            sources: JSON.stringify(c.sources),
            year: c.year,
            computed_at: computedAt,
          })),
        )
        .execute();
    }
    if (summary.length > 0) {
      await trx
        .insertInto('triangulation_summary')
        .values(
          summary.map((s) => ({
            tumour_group: s.tumourGroup,
            trusts_published: s.trustsPublished,
            trusts_suppressed: s.trustsSuppressed,
            national_estimate: s.nationalEstimate,
            national_lower: s.nationalLower,
            national_upper: s.nationalUpper,
            year: s.year,
            computed_at: computedAt,
          })),
        )
        .execute();
    }
  });
}

/** Keyset-paginated by (odsCode, tumourGroup, theme). */
export async function listTriangulation(
  db: Kysely<Database>,
  filter: TriangulationFilter,
  page: { limit: number; after?: string | null },
): Promise<Page<TriangulatedCell>> {
  const after = page.after ? decodeTriangulationCursor(page.after) : undefined;
  const rows = await db
    .selectFrom('triangulated_scores')
    .selectAll()
    .$if(filter.odsCode !== undefined, (qb) => qb.where('ods_code', '=', filter.odsCode!))
    .$if(filter.tumourGroup !== undefined, (qb) => qb.where('tumour_group', '=', filter.tumourGroup!))
    .$if(filter.theme !== undefined, (qb) => qb.where('theme', '=', filter.theme!))
    .$if(filter.observed !== undefined, (qb) => qb.where('observed', '=', filter.observed ? 1 : 0))
    .$if(filter.rareOnly === true, (qb) => qb.where('rare_cancer', '=', 1))
    .$if(after !== undefined, (qb) =>
      qb.where(sql<boolean>`(ods_code, tumour_group, theme) > (${after![0]}, ${after![1]}, ${after![2]})`),
    )
    .orderBy('ods_code')
    .orderBy('tumour_group')
    .orderBy('theme')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map(
    (r): TriangulatedCell => ({
      odsCode: r.ods_code,
      trustName: r.trust_name,
      tumourGroup: r.tumour_group as TumourGroupId,
      theme: r.theme as ThemeId | 'all',
      estimate: Number(r.estimate),
      lower: Number(r.lower),
      upper: Number(r.upper),
      observed: Number(r.observed) === 1,
      respondents: r.respondents === null ? null : Number(r.respondents),
      sources: JSON.parse(r.sources) as TriangulationSource[],
      year: Number(r.year),
    }),
  );
  const last = items.at(-1);
  const next =
    rows.length > page.limit && last ? encodeTriangulationCursor([last.odsCode, last.tumourGroup, last.theme]) : null;
  return { items, next };
}

/** In tumour group order as stored (alphabetical). */
export async function listTriangulationSummary(db: Kysely<Database>): Promise<TumourGroupSummary[]> {
  const rows = await db.selectFrom('triangulation_summary').selectAll().orderBy('tumour_group').execute();
  return rows.map((r) => ({
    tumourGroup: r.tumour_group as TumourGroupId,
    trustsPublished: Number(r.trusts_published),
    trustsSuppressed: Number(r.trusts_suppressed),
    nationalEstimate: Number(r.national_estimate),
    nationalLower: Number(r.national_lower),
    nationalUpper: Number(r.national_upper),
    year: Number(r.year),
  }));
}

/** The fingerprint stored with the current scores; undefined when none was. */
export async function triangulationInputs(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('triangulation_inputs')
    .select('fingerprint')
    .where('id', '=', INPUTS_ROW)
    .executeTakeFirst();
  return row?.fingerprint;
}
