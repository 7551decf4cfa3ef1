/**
 * ProcessedComment ⇄ comments row. The row hash covers what a comment says and what was concluded
 * about it; when and where it was seen (fetchedAt, pageHash) and processedAt are left out, so
 * re-fetching or re-processing identical content counts as unchanged and leaves the row as it was.
 */
import { createHash } from 'node:crypto';
import type {
  CommentAttributes,
  ProcessedComment,
  RedactionCount,
  SafetyKind,
  SentimentLabel,
  ThemeSentiment,
  TumourGroupId,
} from '../domain/model.js';
import type { CommentRow, NewCommentRow } from './schema.js';
import { normaliseSimhash, simhashBands } from './simhash-bands.js';

type RowWithoutHash = Omit<NewCommentRow, 'row_hash'>;

/** Columns that carry content; their values, in this order, feed the row hash. */
const HASHED_COLUMNS = [
  'text',
  'question',
  'posted_at',
  'url',
  'author_hash',
  'stated_ods_code',
  'redactions',
  'sentiment_label',
  'sentiment_score',
  'rating',
  'themes',
  'tumour_groups',
  'rare_cancer',
  'ods_code',
  'provider_name',
  'safety',
  'content_hash',
  'simhash',
  'duplicate_of',
  'period',
] as const satisfies readonly (keyof RowWithoutHash)[];

export function rowHash(row: RowWithoutHash): string {
  const values: unknown[] = HASHED_COLUMNS.map((column) => row[column] ?? null);
  // Attributes join the hash only when present, so rows stored before they existed keep their hash.
  if (row.attributes != null) values.push(row.attributes);
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

/** Attributes as JSON with a fixed key order (so equal attributes hash equal), or null when empty. */
export function attributesToJson(attributes: CommentAttributes | undefined): string | null {
  if (!attributes) return null;
  const { tags, criticality, fftRating, service } = attributes;
  const ordered: CommentAttributes = {
    ...(tags !== undefined && tags.length > 0 && { tags }),
    ...(criticality !== undefined && { criticality }),
    ...(fftRating !== undefined && { fftRating }),
    ...(service !== undefined && { service }),
  };
  return Object.keys(ordered).length > 0 ? JSON.stringify(ordered) : null;
}

/** Themes and tumour groups once each (first wins): the child tables key on them. */
export function distinctThemes(themes: readonly ThemeSentiment[]): ThemeSentiment[] {
  const byId = new Map<string, ThemeSentiment>();
  for (const theme of themes) if (!byId.has(theme.id)) byId.set(theme.id, theme);
  return [...byId.values()];
}

export function distinctTumourGroups(groups: readonly TumourGroupId[]): TumourGroupId[] {
  return [...new Set(groups)];
}

export function commentToRow(c: ProcessedComment): NewCommentRow {
  const simhash = normaliseSimhash(c.simhash);
  const [b0, b1, b2, b3] = simhashBands(simhash);
  // row_hash is filled in below rather than by spreading the row into a new object: V8 builds such
  // a copy on a slow path, and this runs for every comment written.
  const row: NewCommentRow = {
    source: c.source,
    external_id: c.externalId,
    text: c.text,
    question: c.question ?? null,
    posted_at: c.postedAt ?? null,
    fetched_at: c.fetchedAt,
    url: c.url ?? null,
    author_hash: c.authorHash ?? null,
    stated_ods_code: c.odsCode ?? null,
    page_hash: c.pageHash,
    redactions: JSON.stringify(c.redactions),
    sentiment_label: c.sentiment.label,
    sentiment_score: c.sentiment.score,
    rating: c.rating,
    themes: JSON.stringify(distinctThemes(c.themes)),
    tumour_groups: JSON.stringify(distinctTumourGroups(c.tumourGroups)),
    rare_cancer: c.rareCancer ? 1 : 0,
    ods_code: c.provider?.odsCode ?? null,
    provider_name: c.provider?.name ?? null,
    safety: JSON.stringify(c.safety),
    content_hash: c.contentHash,
    simhash,
    sim_band0: b0,
    sim_band1: b1,
    sim_band2: b2,
    sim_band3: b3,
    duplicate_of: c.duplicateOf,
    period: c.period,
    processed_at: c.processedAt,
    attributes: attributesToJson(c.attributes),
    row_hash: '',
  };
  row.row_hash = rowHash(row);
  return row;
}

export function rowToComment(row: CommentRow): ProcessedComment {
  return {
    source: row.source,
    externalId: row.external_id,
    text: row.text,
    ...(row.question !== null && { question: row.question }),
    ...(row.posted_at !== null && { postedAt: row.posted_at }),
    fetchedAt: row.fetched_at,
    ...(row.url !== null && { url: row.url }),
    ...(row.author_hash !== null && { authorHash: row.author_hash }),
    ...(row.stated_ods_code !== null && { odsCode: row.stated_ods_code }),
    pageHash: row.page_hash,
    redactions: JSON.parse(row.redactions) as RedactionCount[],
    ...(row.attributes !== null && { attributes: JSON.parse(row.attributes) as CommentAttributes }),
    sentiment: { label: row.sentiment_label as SentimentLabel, score: Number(row.sentiment_score) },
    rating: Number(row.rating) as ProcessedComment['rating'],
    themes: JSON.parse(row.themes) as ThemeSentiment[],
    tumourGroups: JSON.parse(row.tumour_groups) as TumourGroupId[],
    rareCancer: Number(row.rare_cancer) === 1,
    provider: row.ods_code === null ? null : { odsCode: row.ods_code, name: row.provider_name ?? '' },
    safety: JSON.parse(row.safety) as { kind: SafetyKind }[],
    contentHash: row.content_hash,
    simhash: row.simhash,
    duplicateOf: row.duplicate_of,
    period: row.period,
    processedAt: row.processed_at,
  };
}
