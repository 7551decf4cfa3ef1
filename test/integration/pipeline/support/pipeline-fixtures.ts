import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Connector, ConnectorContext, FetchedPage, ParsedItem } from '../../../../src/connectors/connector.js';
import type { Analyser, CommentAnalysis, TumourGroupId } from '../../../../src/domain/model.js';
import type { EnqueueRequest, StageHelpers, StageName } from '../../../../src/pipeline/stage.js';
import type { Redactor } from '../../../../src/pipeline/stage-deps.js';
import { openStore } from '../../../../src/storage/open-store.js';
import type { Store } from '../../../../src/storage/store.js';

/** Test-only collaborators for the stage handlers: a real SQLite store in a temp folder, recording
 *  helpers, and small deterministic stand-ins for the redactor, analyser and connector. */

export const AUTHOR_KEY = 'test-author-hash-key-0123456789';

export interface TempStore {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'carevoice-pipeline-'));
  const store = await openStore({ sqlitePath: join(dir, 'store.db') });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export class RateLimitSignal extends Error {
  constructor(readonly ms: number) {
    super(`rate limited for ${ms} ms`);
  }
}

export interface RecordingHelpers extends StageHelpers {
  enqueued: { stage: StageName; job: EnqueueRequest<StageName> }[];
}

export function recordingHelpers(jobId = 'job-1', attempt = 1): RecordingHelpers {
  const enqueued: RecordingHelpers['enqueued'] = [];
  return {
    jobId,
    attempt,
    log: pino({ level: 'silent' }),
    enqueued,
    async enqueue(stage, jobs) {
      for (const job of jobs) enqueued.push({ stage, job: job as EnqueueRequest<StageName> });
    },
    async rateLimited(ms) {
      throw new RateLimitSignal(ms);
    },
    async updateProgress() {},
  };
}

/** Masks e-mail addresses; stands in for the real redactor. */
export const maskEmails: Redactor = (text) => {
  let count = 0;
  const masked = text.replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, () => {
    count++;
    return '[EMAIL]';
  });
  return { text: masked, redactions: count > 0 ? [{ kind: 'email', count }] : [] };
};

/**
 * A deterministic analyser for synthetic texts: "great"/"kind" → positive, "awful"/"late" → negative;
 * "wait" tags waiting_times; "sarcoma"/"breast" tag tumour groups; the stated ODS code is the provider.
 */
export const keywordAnalyser: Analyser = (input) => {
  const text = input.text.toLowerCase();
  if (text.includes('explode')) throw new Error('analyser cannot read this comment');
  const positive = /great|kind/.test(text);
  const negative = /awful|late/.test(text);
  const label = positive && !negative ? 'positive' : negative && !positive ? 'negative' : 'neutral';
  const tumourGroups: TumourGroupId[] = [];
  if (text.includes('sarcoma')) tumourGroups.push('sarcoma');
  if (text.includes('breast')) tumourGroups.push('breast');
  const analysis: CommentAnalysis = {
    sentiment: { label, score: label === 'positive' ? 0.8 : label === 'negative' ? -0.6 : 0 },
    rating: label === 'positive' ? 5 : label === 'negative' ? 2 : 3,
    themes: text.includes('wait') ? [{ id: 'waiting_times', sentiment: label }] : [],
    tumourGroups,
    rareCancer: tumourGroups.includes('sarcoma'),
    provider: input.odsCode ? { odsCode: input.odsCode, name: `Trust ${input.odsCode}` } : null,
    safety: [],
  };
  return analysis;
};

export interface ScriptedPage {
  items: ParsedItem[];
  nextCursor: string | null;
  stateUpdates?: Record<string, string>;
  contentHash?: string;
}

/** A connector that serves pages by cursor ("start" for null) and remembers what it was asked. */
export class ScriptedConnector implements Connector {
  readonly calls: { cursor: string | null; state: string | null }[] = [];
  failWith: Error | null = null;

  constructor(
    readonly id: string,
    private readonly pages: Record<string, ScriptedPage>,
  ) {}

  async fetchPage(cursor: string | null, ctx: ConnectorContext): Promise<FetchedPage> {
    this.calls.push({ cursor, state: await ctx.state.get('seen') });
    if (this.failWith) throw this.failWith;
    const page = this.pages[cursor ?? 'start'];
    if (!page) throw new Error(`no scripted page for cursor ${cursor}`);
    return {
      url: `https://example.org/${this.id}?cursor=${cursor ?? 'start'}`,
      fetchedAt: '2024-05-02T09:00:00.000Z',
      contentHash: page.contentHash ?? `${(cursor ?? 'start').padEnd(16, '0')}${'f'.repeat(48)}`,
      items: page.items,
      nextCursor: page.nextCursor,
      stateUpdates: page.stateUpdates,
    };
  }
}

export const fixedClock =
  (iso = '2024-05-02T09:00:05.000Z') =>
  () =>
    new Date(iso);
