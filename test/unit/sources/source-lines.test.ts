import { describe, expect, it } from 'vitest';
import { type SourceRow, sourceStatusLines } from '../../../src/app/source-listing.js';
import { formatSourceRow } from '../../../src/cli/commands/sources-command.js';

function row(overrides: Partial<SourceRow>): SourceRow {
  return {
    id: 'reddit',
    title: 'Reddit: subreddit listings and searches',
    enabled: true,
    endpoint: 'https://www.reddit.com',
    credentials: { REDDIT_CLIENT_ID: '(not set)', REDDIT_CLIENT_SECRET: '(not set)' },
    schedule: { cron: '*/30 * * * *', tz: 'Europe/London' },
    limiter: { max: 100, durationMs: 60_000 },
    maxPagesPerRun: 100,
    lastRun: { finishedAt: '2025-06-01T00:30:00.000Z', status: 'ok', counts: { items: 12, pages: 1 } },
    health: { failedJobs: 0, consecutiveFailures: 0, failing: false },
    ...overrides,
  };
}

const failing = {
  failedJobs: 2,
  consecutiveFailures: 2,
  failing: true,
  lastError: 'request_rejected: x: HTTP 401 from https://api.x.com/2/tweets/search/recent: Unauthorized',
};

describe('source lines', () => {
  it('shows one status line per enabled or failed source, marking the failing ones', () => {
    const lines = sourceStatusLines([
      row({}),
      row({ id: 'x', health: failing }),
      row({ id: 'bluesky', enabled: false }),
      row({ id: 'mastodon', enabled: false, health: { ...failing, failing: false, consecutiveFailures: 0 } }),
      row({ id: 'sample', health: null, lastRun: null }),
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^reddit\s+ok\s+last run 2025-06-01T00:30:00.000Z ok, 0 failed collect jobs$/);
    expect(lines[1]).toMatch(/^x\s+failing\s+.*2 failed collect jobs: request_rejected: x: HTTP 401/);
    expect(lines[2]).toMatch(/^mastodon\s+ok\s+\(disabled\) /);
    expect(lines[3]).toMatch(/^sample\s+queue unknown\s+no run yet$/);
  });

  it('lists a source with its credentials as set or not set and flags it when failing', () => {
    const text = formatSourceRow(row({ id: 'x', title: 'X: API v2 recent search', health: failing }));
    expect(text).toContain('x — X: API v2 recent search  [enabled]  FAILING');
    expect(text).toContain('credentials   REDDIT_CLIENT_ID (not set), REDDIT_CLIENT_SECRET (not set)');
    expect(text).toContain('limiter       100 pages per 60 s');
    expect(text).toContain('collect jobs  2 failed, the last 2 in a row');
    expect(text).toContain('last error    request_rejected: x: HTTP 401');
  });

  it('names a source whose connector cannot be built by its id once, with the problem', () => {
    const text = formatSourceRow(
      row({ id: 'rss', title: 'rss', enabled: false, problem: 'sources.rss.feeds: add at least one feed' }),
    );
    expect(text.split('\n')[0]).toBe('rss  [disabled]');
    expect(text).toContain('problem       sources.rss.feeds: add at least one feed');
  });
});
