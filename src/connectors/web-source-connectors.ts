import type { Config } from '../config/load-config.js';
import { createBlueskyConnector } from './bluesky/bluesky-connector.js';
import { createCareOpinionConnector } from './care-opinion/care-opinion-connector.js';
import { createFftExportConnector } from './fft-export/fft-export-connector.js';
import type { SourceConnector } from './http/source-connector.js';
import { createMastodonConnector } from './mastodon/mastodon-connector.js';
import type { MastodonInstance } from './mastodon/mastodon-options.js';
import { createNhsWebsiteConnector } from './nhs-website/nhs-website-connector.js';
import { createRedditConnector } from './reddit/reddit-connector.js';
import { createRssConnector } from './rss/rss-connector.js';
import { createXConnector } from './x/x-connector.js';

/** Ids of the sources that read a web API or a trust's export folder (not `file` or `sample`). */
export const WEB_SOURCE_IDS = [
  'reddit',
  'bluesky',
  'mastodon',
  'care-opinion',
  'nhs-website',
  'x',
  'rss',
  'fft-export',
] as const;
export type WebSourceId = (typeof WEB_SOURCE_IDS)[number];

type Sources = Config['sources'];

/** Builds one web source's connector from its settings, enabled or not (for `sources test`). */
export function createWebSourceConnector(id: WebSourceId, sources: Sources): SourceConnector {
  switch (id) {
    case 'reddit': {
      const { enabled: _e, maxPagesPerRun: _m, schedule: _s, limiter: _l, ...options } = sources.reddit;
      return createRedditConnector(options);
    }
    case 'bluesky': {
      const { enabled: _e, maxPagesPerRun: _m, schedule: _s, limiter: _l, ...options } = sources.bluesky;
      return createBlueskyConnector(options);
    }
    case 'mastodon': {
      const { instances, hashtags, accounts, accessTokens, pageSize, backfillDays, maxPagesPerQuery } =
        sources.mastodon;
      return createMastodonConnector({
        instances: mastodonInstances(instances, hashtags, accounts, accessTokens),
        pageSize,
        backfillDays,
        maxPagesPerQuery,
      });
    }
    case 'care-opinion': {
      const { enabled: _e, maxPagesPerRun: _m, schedule: _s, limiter: _l, ...options } = sources['care-opinion'];
      return createCareOpinionConnector(options);
    }
    case 'nhs-website': {
      const { enabled: _e, maxPagesPerRun: _m, schedule: _s, limiter: _l, ...options } = sources['nhs-website'];
      return createNhsWebsiteConnector(options);
    }
    case 'x': {
      const { enabled: _e, maxPagesPerRun: _m, schedule: _s, limiter: _l, ...options } = sources.x;
      return createXConnector(options);
    }
    case 'rss': {
      const { feeds, backfillDays, maxPagesPerQuery } = sources.rss;
      return createRssConnector({ feeds: feeds.map((url) => ({ url })), backfillDays, maxPagesPerQuery });
    }
    case 'fft-export': {
      const { dir, odsCode, pageSize } = sources['fft-export'];
      return createFftExportConnector({ id: 'fft-export', dir, odsCode, pageSize });
    }
  }
}

/**
 * Mastodon settings are flat lists (servers, hashtags read on every server, `host:id` accounts,
 * `host=token` pairs); the connector wants them per server. An account on a server that is not
 * listed adds that server, with no hashtags of its own.
 */
export function mastodonInstances(
  instances: readonly string[],
  hashtags: readonly string[],
  accounts: readonly string[],
  accessTokens: string | undefined,
): MastodonInstance[] {
  const tokens = new Map(
    (accessTokens ?? '')
      .split(',')
      .map((pair) => pair.trim())
      .filter((pair) => pair.includes('='))
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim()] as const;
      }),
  );
  const byHost = new Map<string, MastodonInstance>();
  for (const baseUrl of instances) {
    byHost.set(new URL(baseUrl).host.toLowerCase(), { baseUrl, hashtags: [...hashtags], accountIds: [] });
  }
  for (const account of accounts) {
    const [host, accountId] = account.toLowerCase().split(':') as [string, string];
    let instance = byHost.get(host);
    if (!instance) {
      instance = { baseUrl: `https://${host}`, hashtags: [], accountIds: [] };
      byHost.set(host, instance);
    }
    instance.accountIds!.push(accountId);
  }
  for (const [host, instance] of byHost) {
    const token = tokens.get(host);
    if (token) instance.accessToken = token;
  }
  return [...byHost.values()];
}
