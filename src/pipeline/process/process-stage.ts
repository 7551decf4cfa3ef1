import type { DedupeOptions } from '../../domain/dedupe/choose-duplicate.js';
import type {
  Analyser,
  CommentAnalysis,
  ProcessedComment,
  QuarantineRecord,
  RedactedComment,
} from '../../domain/model.js';
import type { Store, UpsertResult } from '../../storage/store.js';
import type { AfterStoreHook } from '../alert/record-safety-alerts.js';
import { processItemJobId } from '../job-ids.js';
import { renderQuarantinePayload } from '../quarantine-payload.js';
import { redactedCommentSchema, type StageHandler } from '../stage.js';
import type { Redactor } from '../stage-deps.js';
import { type DedupeKeys, dedupeBatch, dedupeKeysOf, naturalKey } from './dedupe-batch.js';
import { processedRow } from './processed-row.js';

/**
 * process: validate → analyse → de-duplicate → one upsert for the batch. An item whose analysis
 * throws is retried alone in its own job (the rest of the batch is stored); alone (in that job, or
 * in a batch of one) a failure quarantines it, so one bad comment never holds back its neighbours.
 * Only the analyser's errors are caught: it is synchronous and does no I/O, so its error is the
 * comment's own and would recur. Store and queue failures are left to fail the job, which the queue
 * retries; they never quarantine anything.
 */

export interface ProcessCounts {
  received: number;
  stored: UpsertResult;
  duplicates: number;
  quarantined: number;
  requeued: number;
}

export interface ProcessDeps {
  store: Store;
  analyse: Analyser;
  redact: Redactor;
  clock: () => Date;
  dedupe: DedupeOptions;
  /** Runs after each batch is stored (safety alerts go into their outbox here). @defaultValue none */
  afterStore?: AfterStoreHook;
}

interface Analysed {
  comment: RedactedComment;
  keys: DedupeKeys;
  analysis: CommentAnalysis;
}

export function createProcessStage(deps: ProcessDeps): StageHandler<'process'> {
  const { store, clock } = deps;
  return async (payload, helpers) => {
    const receivedAt = clock().toISOString();
    const quarantined: QuarantineRecord[] = [];
    const valid: RedactedComment[] = [];
    payload.comments.forEach((raw, index) => {
      const parsed = redactedCommentSchema.safeParse(raw);
      if (parsed.success) {
        valid.push(parsed.data);
        return;
      }
      const externalId = (raw as { externalId?: unknown } | null)?.externalId;
      quarantined.push({
        source: payload.source,
        externalId: typeof externalId === 'string' ? externalId : undefined,
        code: 'invalid_comment',
        reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
        payload: renderQuarantinePayload(raw, deps.redact),
        location: `batch ${payload.batchId} item ${index}`,
        receivedAt,
      });
    });

    const alone = payload.comments.length === 1;
    const analysed: Analysed[] = [];
    const retryAlone: RedactedComment[] = [];
    for (const comment of valid) {
      try {
        const analysis = deps.analyse({
          text: comment.text,
          question: comment.question,
          postedAt: comment.postedAt,
          odsCode: comment.odsCode,
        });
        analysed.push({ comment, keys: dedupeKeysOf(comment), analysis });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!alone) {
          retryAlone.push(comment);
          continue;
        }
        quarantined.push({
          source: comment.source,
          externalId: comment.externalId,
          code: 'analysis_failed',
          reason: message,
          payload: renderQuarantinePayload(comment, deps.redact),
          location: `batch ${payload.batchId}`,
          receivedAt,
        });
      }
    }

    if (retryAlone.length > 0) {
      await helpers.enqueue(
        'process',
        retryAlone.map((comment) => ({
          id: processItemJobId(comment.source, comment.externalId, payload.batchId),
          payload: { source: comment.source, batchId: `item-${payload.batchId}`, comments: [comment] },
        })),
      );
    }

    const processedAt = clock().toISOString();
    // A key twice in one batch: the later copy wins, as it would across two batches.
    const latest = [...new Map(analysed.map((entry) => [entry.keys.key, entry])).values()];
    const rows: ProcessedComment[] = latest.map(({ comment, keys, analysis }) =>
      processedRow(comment, keys, analysis, processedAt),
    );
    // Decided inside the write transaction, over the comments the store kept (forgotten keys dropped).
    let kept = new Set<string>();
    let duplicateOf: ReadonlyMap<string, string | null> = new Map();
    const stored =
      rows.length > 0
        ? await store.upsertComments(rows, async (lookup, keptComments) => {
            kept = new Set(keptComments.map((c) => naturalKey(c.source, c.externalId)));
            const keys = analysed.map((entry) => entry.keys).filter((k) => kept.has(k.key));
            duplicateOf = await dedupeBatch(lookup, keys, deps.dedupe);
            return duplicateOf;
          })
        : { inserted: 0, updated: 0, unchanged: 0, forgotten: 0 };
    const storedRows = rows
      .filter((row) => kept.has(naturalKey(row.source, row.externalId)))
      .map((row) => {
        const decided = duplicateOf.get(naturalKey(row.source, row.externalId)) ?? null;
        // Copied only for a duplicate (rows start as originals): a spread copy is slow in V8.
        return decided === row.duplicateOf ? row : { ...row, duplicateOf: decided };
      });
    if (stored.forgotten > 0) helpers.log.info({ forgotten: stored.forgotten }, 'dropped forgotten comments');
    if (deps.afterStore && storedRows.length > 0) await deps.afterStore(storedRows, helpers);
    if (quarantined.length > 0) await store.quarantine(quarantined);

    const counts: ProcessCounts = {
      received: payload.comments.length,
      stored,
      duplicates: storedRows.filter((row) => row.duplicateOf !== null).length,
      quarantined: quarantined.length,
      requeued: retryAlone.length,
    };
    // The job's log bindings already name the source.
    helpers.log.info({ batchId: payload.batchId, ...counts }, 'processed batch');
    return counts;
  };
}
