import type { CommonHttpOptions } from '../http/common-options.js';

/** One Mastodon server and what to read there. */
export interface MastodonInstance {
  /** e.g. 'https://mastodon.social'. */
  baseUrl: string;
  /** Hashtags (without `#`) read through `/api/v1/timelines/tag/:hashtag`. @defaultValue {@link DEFAULT_HASHTAGS} */
  hashtags?: string[];
  /** Account ids (e.g. a cancer charity's) read through `/api/v1/accounts/:id/statuses`. @defaultValue [] */
  accountIds?: string[];
  /** Bearer token for servers that close public timelines to anonymous readers; from the environment. */
  accessToken?: string | undefined;
}

/** Options of the `mastodon` source. */
export interface MastodonOptions extends CommonHttpOptions {
  /** @defaultValue {@link DEFAULT_MASTODON_INSTANCES} */
  instances?: MastodonInstance[];
  /** Statuses per page (Mastodon's maximum is 40). @defaultValue 40 */
  pageSize?: number;
  /** @defaultValue 30 */
  backfillDays?: number;
  /** @defaultValue 10 */
  maxPagesPerQuery?: number;
}

export const DEFAULT_HASHTAGS = ['NHS', 'cancer', 'sarcoma', 'chemo', 'oncology', 'BreastCancer'];

export const DEFAULT_MASTODON_INSTANCES: MastodonInstance[] = [
  { baseUrl: 'https://mastodon.social' },
  { baseUrl: 'https://mastodonapp.uk' },
];

export interface MastodonQuery {
  baseUrl: string;
  kind: 'tag' | 'account';
  value: string;
  accessToken?: string | undefined;
}

export function mastodonQueries(instances: MastodonInstance[]): MastodonQuery[] {
  return instances.flatMap((instance) => {
    const baseUrl = instance.baseUrl.replace(/\/$/, '');
    const tags = (instance.hashtags ?? DEFAULT_HASHTAGS).map((tag) => tag.replace(/^#/, ''));
    return [
      ...tags.map((value): MastodonQuery => ({ baseUrl, kind: 'tag', value, accessToken: instance.accessToken })),
      ...(instance.accountIds ?? []).map(
        (value): MastodonQuery => ({ baseUrl, kind: 'account', value, accessToken: instance.accessToken }),
      ),
    ];
  });
}

export function mastodonQueryKey(query: MastodonQuery): string {
  return `${new URL(query.baseUrl).host}/${query.kind}/${query.value}`;
}
