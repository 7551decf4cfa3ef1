import type { Connector, ConnectorContext, FetchedPage, ParsedItem } from '../../connector.js';
import { decodeRunCursor, encodeRunCursor, type RunCursor } from './run-cursor.js';

/**
 * The shared shape of every query-driven source (subreddits, search terms, hashtags, trusts, feeds).
 * One collect run walks each query in turn; a walk ends when the source has no more pages, reaches
 * items already collected (the query's high-water mark) or leaves the backfill window. The mark is
 * saved through `stateUpdates` at the walk's end, so a crash mid-walk repeats the walk, never skips.
 */

/** State key holding a query's high-water mark. */
export function markKey(queryKey: string): string {
  return `mark:${queryKey}`;
}

/**
 * State key of a walk cut short by the page budget: where it stopped and the newest mark it saw. The
 * next run carries on from there, and the high-water mark moves only once the walk reaches known
 * items, so nothing between the old mark and the cut is skipped.
 */
export function resumeKey(queryKey: string): string {
  return `resume:${queryKey}`;
}

interface ResumePoint {
  page: string;
  top: string | null;
}

function parseResume(value: string | null): ResumePoint | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<ResumePoint>;
    return typeof parsed.page === 'string' ? { page: parsed.page, top: parsed.top ?? null } : null;
  } catch {
    return null; // an unreadable resume point only costs a fresh walk
  }
}

/** State key of the last finished run: a stored cursor from it or an older run starts a new run. */
export const RUN_DONE_KEY = 'run:done';

export interface QueryPageRequest<Q> {
  query: Q;
  /** The source's page token; null on the walk's first page. */
  pageToken: string | null;
  /** High-water mark of this query's last finished walk; null before the first. */
  mark: string | null;
  /** Oldest moment to collect: the run's start minus the backfill window. */
  since: Date;
  ctx: ConnectorContext;
}

export interface QueryPage {
  url: string;
  fetchedAt: string;
  contentHash: string;
  items: ParsedItem[];
  /** The next page of this walk; null when the walk is finished. */
  nextPageToken: string | null;
  /** The newest mark on this page (newest-first sources); becomes the walk's new high-water mark. */
  newestMark?: string | null | undefined;
  /** State to save with this page (forward-walking sources move their mark page by page). */
  stateUpdates?: Record<string, string> | undefined;
}

export interface QuerySource<Q> {
  id: string;
  queries: readonly Q[];
  /** Stable key of a query in state, e.g. `r/cancer`. */
  queryKey(query: Q): string;
  fetchQueryPage(request: QueryPageRequest<Q>): Promise<QueryPage>;
  compareMarks(a: string, b: string): number;
  /** Days a query's first walk reaches back. */
  backfillDays: number;
  /** Pages one walk may take in one run; older items past it are left. */
  maxPagesPerQuery: number;
}

export function createQueryConnector<Q>(source: QuerySource<Q>): Connector {
  if (source.queries.length === 0) throw new RangeError(`${source.id}: at least one query is needed`);
  if (!(source.backfillDays > 0)) throw new RangeError(`${source.id}: backfillDays must be positive`);
  if (!Number.isInteger(source.maxPagesPerQuery) || source.maxPagesPerQuery < 1) {
    throw new RangeError(`${source.id}: maxPagesPerQuery must be a positive integer`);
  }

  async function position(cursor: string | null, ctx: ConnectorContext): Promise<RunCursor> {
    const fresh: RunCursor = { run: ctx.now().toISOString(), query: 0, page: null, top: null, pages: 0 };
    if (cursor === null) return fresh;
    const decoded = decodeRunCursor(source.id, cursor);
    const done = await ctx.state.get(RUN_DONE_KEY);
    // The collect stage keeps the last non-null cursor after a run ends; a finished run starts afresh.
    if (done !== null && Date.parse(decoded.run) <= Date.parse(done)) return fresh;
    if (decoded.query >= source.queries.length) return fresh;
    return decoded;
  }

  return {
    id: source.id,
    async fetchPage(cursor, ctx): Promise<FetchedPage> {
      ctx.signal?.throwIfAborted();
      const at = await position(cursor, ctx);
      const query = source.queries[at.query]!;
      const key = source.queryKey(query);
      const mark = await ctx.state.get(markKey(key));
      const since = new Date(Date.parse(at.run) - source.backfillDays * 86_400_000);
      // A walk's first page picks up where the last run's budget cut it off, if it was.
      const resume = at.page === null && at.pages === 0 ? parseResume(await ctx.state.get(resumeKey(key))) : null;
      const pageToken = resume ? resume.page : at.page;
      const page = await source.fetchQueryPage({ query, pageToken, mark, since, ctx });

      let top = resume ? resume.top : at.top;
      if (page.newestMark && (top === null || source.compareMarks(page.newestMark, top) > 0)) top = page.newestMark;
      const stateUpdates: Record<string, string> = { ...page.stateUpdates };
      let next: RunCursor | null;
      if (page.nextPageToken !== null && at.pages + 1 < source.maxPagesPerQuery) {
        next = { ...at, page: page.nextPageToken, top, pages: at.pages + 1 };
      } else {
        if (page.nextPageToken !== null) {
          // Out of budget before reaching known items: keep the mark, remember where to go on.
          stateUpdates[resumeKey(key)] = JSON.stringify({ page: page.nextPageToken, top } satisfies ResumePoint);
        } else {
          if (top !== null && (mark === null || source.compareMarks(top, mark) > 0)) stateUpdates[markKey(key)] = top;
          if (resume) stateUpdates[resumeKey(key)] = '';
        }
        const more = at.query + 1 < source.queries.length;
        next = more ? { run: at.run, query: at.query + 1, page: null, top: null, pages: 0 } : null;
        if (!more) stateUpdates[RUN_DONE_KEY] = at.run;
      }
      return {
        url: page.url,
        fetchedAt: page.fetchedAt,
        contentHash: page.contentHash,
        items: page.items,
        nextCursor: next === null ? null : encodeRunCursor(next),
        stateUpdates: Object.keys(stateUpdates).length > 0 ? stateUpdates : undefined,
      };
    },
  };
}
