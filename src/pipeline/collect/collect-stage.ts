import { createHash } from 'node:crypto';
import type { Connector, ConnectorContext, FetchedPage } from '../../connectors/connector.js';
import { RateLimitedError } from '../../connectors/errors/rate-limited-error.js';
import type { QuarantineRecord, RedactedComment } from '../../domain/model.js';
import type { Store } from '../../storage/store.js';
import { nextCollectJobId } from '../job-ids.js';
import type { PipelineOptions } from '../pipeline-options.js';
import { type StageHandler, type StagePayload, UnrecoverableStageError } from '../stage.js';
import type { Redactor } from '../stage-deps.js';
import { processBatches } from './batches.js';
import { prepareItem } from './prepare-item.js';
import { unrecoverableSourceError } from './source-errors.js';

/**
 * collect: fetch one page of one source, turn its items into redacted comments, enqueue them in
 * batches, then move the cursor. The cursor moves last, so a crash before it refetches the same
 * page, which yields the same job ids and the same upserts: nothing lost, nothing doubled.
 */

/** Cursor key of a source's page position. */
export const PAGE_CURSOR_KEY = 'page';
/** Connector state lives beside the page cursor under this prefix, so the two never collide. */
export const STATE_KEY_PREFIX = 'state:';

export interface CollectCounts {
  items: number;
  enqueued: number;
  quarantined: number;
  deleted: number;
}

export interface CollectDeps {
  store: Store;
  connectors: Map<string, Connector>;
  redact: Redactor;
  authorHashKey: string;
  clock: () => Date;
  options: Pick<PipelineOptions, 'batchSize' | 'maxTextLength' | 'maxPages' | 'maxPagesBySource'>;
}

function isRateLimited(error: unknown): error is RateLimitedError {
  return (
    error instanceof RateLimitedError ||
    (error instanceof Error && (error as { code?: unknown }).code === 'rate_limited' && 'retryAfterMs' in error)
  );
}

export function createCollectStage(deps: CollectDeps): StageHandler<'collect'> {
  const { store, clock, options } = deps;
  return async (payload, helpers) => {
    const connector = deps.connectors.get(payload.source);
    if (!connector) throw new UnrecoverableStageError('unknown_source', `no connector for source "${payload.source}"`);
    const startedAt = payload.runStartedAt ?? clock().toISOString();
    // A scheduler fires the same payload every time; tying the run to the first page's job id keeps
    // each firing's follow-on page ids distinct (and a retry of that job maps to the same run).
    const runId = payload.pageNumber === 0 ? runIdOfFirstPage(payload.runId, helpers.jobId) : payload.runId;
    const cursor = payload.cursor ?? (await store.getCursor(payload.source, PAGE_CURSOR_KEY));
    const ctx: ConnectorContext = {
      now: clock,
      state: { get: (key) => store.getCursor(payload.source, STATE_KEY_PREFIX + key) },
    };
    let page: FetchedPage;
    try {
      page = await connector.fetchPage(cursor, ctx);
    } catch (error) {
      if (isRateLimited(error)) return helpers.rateLimited(error.retryAfterMs);
      throw unrecoverableSourceError(error) ?? error;
    }

    const receivedAt = clock().toISOString();
    const comments: RedactedComment[] = [];
    const quarantined: QuarantineRecord[] = [];
    const deletions: string[] = [];
    for (const parsed of page.items) {
      const prepared = prepareItem(parsed, {
        source: payload.source,
        page,
        redact: deps.redact,
        authorHashKey: deps.authorHashKey,
        maxTextLength: options.maxTextLength,
        receivedAt,
      });
      if (prepared.kind === 'comment') comments.push(prepared.comment);
      else if (prepared.kind === 'quarantine') quarantined.push(prepared.record);
      else deletions.push(prepared.externalId);
    }

    // Items someone asked to forget are dropped here, before they reach a queue or the store.
    const ids = comments.map((c) => c.externalId);
    const forgotten = ids.length > 0 ? await store.forgottenIds(payload.source, ids) : new Set<string>();
    const kept = comments.filter((c) => !forgotten.has(c.externalId));
    if (quarantined.length > 0) await store.quarantine(quarantined);
    let deleted = 0;
    // An upstream deletion is recorded like a request to forget: a batch still queued with the old
    // copy cannot bring it back, and the alert copy of its text goes too.
    for (const externalId of deletions) {
      if (await store.forgetComment(payload.source, externalId, receivedAt)) deleted++;
    }
    const batches = processBatches(payload.source, page.contentHash, kept, options.batchSize);
    // On the replicas too, where asked for, before the cursor moves past them for good.
    if (batches.length > 0) await helpers.enqueue('process', batches, { replicated: true });
    await store.recordPages([
      {
        source: payload.source,
        url: page.url,
        fetchedAt: page.fetchedAt,
        contentHash: page.contentHash,
        itemCount: page.items.length,
      },
    ]);
    // Only now is the page safe: move connector state and the cursor.
    for (const [key, value] of Object.entries(page.stateUpdates ?? {})) {
      await store.setCursor(payload.source, STATE_KEY_PREFIX + key, value);
    }
    if (page.nextCursor !== null) await store.setCursor(payload.source, PAGE_CURSOR_KEY, page.nextCursor);

    const counts: CollectCounts = {
      items: page.items.length,
      enqueued: kept.length,
      quarantined: quarantined.length,
      deleted,
    };
    const totals = addCounts(payload.runTotals, counts);
    const nextPage = payload.pageNumber + 1;
    const pageBudget = options.maxPagesBySource[payload.source] ?? options.maxPages;
    if (page.nextCursor !== null && nextPage < pageBudget) {
      await helpers.enqueue('collect', [
        {
          id: nextCollectJobId(payload.source, runId, nextPage),
          source: payload.source,
          payload: {
            ...nextPayload(payload, runId, page.nextCursor, nextPage),
            runStartedAt: startedAt,
            runTotals: totals,
          },
        },
      ]);
    } else {
      await store.recordRun({
        id: `collect-${payload.source}-${runId}`,
        kind: 'collect',
        source: payload.source,
        startedAt,
        finishedAt: clock().toISOString(),
        status: 'ok',
        counts: { ...totals, pages: nextPage },
      });
    }
    // The job's log bindings already name the source.
    helpers.log.info(
      { page: payload.pageNumber, ...counts, forgotten: comments.length - kept.length },
      'collected page',
    );
    return counts;
  };
}

function nextPayload(payload: StagePayload<'collect'>, runId: string, cursor: string, pageNumber: number) {
  return { source: payload.source, runId, cursor, pageNumber };
}

/** `<runId>-<8 hex of the first page's job id>`: unique per firing, stable across retries. */
export function runIdOfFirstPage(runId: string, firstJobId: string): string {
  return `${runId}-${createHash('sha256').update(firstJobId).digest('hex').slice(0, 8)}`;
}

function addCounts(previous: CollectCounts | undefined, page: CollectCounts): CollectCounts {
  if (!previous) return { ...page };
  return {
    items: previous.items + page.items,
    enqueued: previous.enqueued + page.enqueued,
    quarantined: previous.quarantined + page.quarantined,
    deleted: previous.deleted + page.deleted,
  };
}
