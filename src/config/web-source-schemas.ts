import { z } from 'zod';
import { DEFAULT_BLUESKY_QUERIES } from '../connectors/bluesky/bluesky-options.js';
import { DEFAULT_HASHTAGS } from '../connectors/mastodon/mastodon-options.js';
import { DEFAULT_NHS_WEBSITE_ODS_CODES } from '../connectors/nhs-website/nhs-website-options.js';
import {
  DEFAULT_SEARCH_SUBREDDITS,
  DEFAULT_SEARCH_TERMS,
  DEFAULT_SUBREDDITS,
} from '../connectors/reddit/reddit-options.js';
import { DEFAULT_X_QUERIES } from '../connectors/x/x-options.js';
import {
  flag,
  httpUrl,
  integerFrom,
  limiter,
  nonEmptyText,
  positiveInteger,
  schedule,
  section,
  textList,
} from './schema-parts.js';

/**
 * Settings of the web sources. Every one is off by default: each needs credentials or targets
 * chosen by the operator. Credentials are secrets (see WEB_SOURCE_SECRET_KEYS): only from the
 * environment. Limiters follow each API's published limits; a 429 still pauses the source.
 */

const secret = (expected: string) => z.string({ error: expected }).min(1, { error: expected }).optional();
const backfillDays = (max: number, days: number) => integerFrom(1, max).default(days);

const subredditExpected = 'a subreddit name (2–21 letters, digits or _)';
const subreddit = () =>
  z
    .string({ error: subredditExpected })
    .trim()
    .transform((name) => name.replace(/^\/?r\//i, ''))
    .pipe(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, { error: subredditExpected }));

const odsExpected = 'an ODS code such as "RBV" (3–6 letters or digits)';
const odsCode = () =>
  z
    .string({ error: odsExpected })
    .trim()
    .transform((code) => code.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{3,6}$/, { error: odsExpected }));

const accountExpected = 'an account as "<server host>:<account id>", e.g. "mastodon.social:109302"';

export const webSourceSchemas = {
  /** Subreddit listings and searches (public JSON, or application-only OAuth when credentials are set). */
  reddit: section({
    /** @defaultValue false */
    enabled: flag().default(false),
    /** Subreddits whose `/new` listing is read whole. */
    subreddits: z.array(subreddit(), { error: 'a list of subreddit names' }).default(DEFAULT_SUBREDDITS),
    /** General UK subreddits searched for `searchTerms`. */
    searchSubreddits: z.array(subreddit(), { error: 'a list of subreddit names' }).default(DEFAULT_SEARCH_SUBREDDITS),
    /** Terms searched in each of `searchSubreddits`. */
    searchTerms: z
      .array(nonEmptyText('a search term'), { error: 'a list of search terms' })
      .default(DEFAULT_SEARCH_TERMS),
    /** Secret: REDDIT_CLIENT_ID. */
    clientId: secret('an OAuth client id'),
    /** Secret: REDDIT_CLIENT_SECRET. */
    clientSecret: secret('an OAuth client secret'),
    /** @defaultValue `https://www.reddit.com` */
    baseUrl: httpUrl().default('https://www.reddit.com'),
    /** @defaultValue `https://oauth.reddit.com` */
    oauthBaseUrl: httpUrl().default('https://oauth.reddit.com'),
    /** @defaultValue `https://www.reddit.com/api/v1/access_token` */
    tokenUrl: httpUrl().default('https://www.reddit.com/api/v1/access_token'),
    /** @defaultValue 100 (Reddit's maximum) */
    pageSize: integerFrom(1, 100).default(100),
    /** @defaultValue 30 */
    backfillDays: backfillDays(365, 30),
    /** @defaultValue 10 */
    maxPagesPerQuery: positiveInteger().default(10),
    /** @defaultValue 100 */
    maxPagesPerRun: positiveInteger().default(100),
    /** @defaultValue `*\/30 * * * *` */
    schedule: schedule('*/30 * * * *'),
    /** @defaultValue 100 pages per 60000 ms (Reddit's OAuth limit) */
    limiter: limiter(100, 60_000),
  }),
  /** Bluesky post search (public AppView, or the account's PDS with an app password). */
  bluesky: section({
    enabled: flag().default(false),
    queries: textList('search query').default(DEFAULT_BLUESKY_QUERIES),
    /** Post language; empty for any. @defaultValue `en` */
    lang: z.string({ error: 'a language code such as "en", or ""' }).trim().default('en'),
    /** Secret: BLUESKY_IDENTIFIER (handle or DID). */
    identifier: secret('a handle or DID'),
    /** Secret: BLUESKY_APP_PASSWORD (an app password, never the account password). */
    appPassword: secret('an app password'),
    baseUrl: httpUrl().default('https://public.api.bsky.app'),
    serviceUrl: httpUrl().default('https://bsky.social'),
    pageSize: integerFrom(1, 100).default(100),
    backfillDays: backfillDays(365, 30),
    maxPagesPerQuery: positiveInteger().default(10),
    maxPagesPerRun: positiveInteger().default(70),
    schedule: schedule('*/30 * * * *'),
    /** @defaultValue 5 pages per 1000 ms */
    limiter: limiter(5, 1000),
  }),
  /** Hashtag timelines and chosen accounts on Mastodon servers. */
  mastodon: section({
    enabled: flag().default(false),
    instances: z
      .array(httpUrl(), { error: 'a list of server URLs' })
      .min(1, { error: 'at least one server URL' })
      .default(['https://mastodon.social', 'https://mastodonapp.uk']),
    /** Hashtags (without `#`) read on every server. */
    hashtags: z.array(nonEmptyText('a hashtag'), { error: 'a list of hashtags' }).default(DEFAULT_HASHTAGS),
    /** Accounts whose statuses are read, as `<server host>:<account id>`. @defaultValue none */
    accounts: z
      .array(z.string({ error: accountExpected }).regex(/^[a-z0-9.-]+:\d+$/i, { error: accountExpected }))
      .default([]),
    /** Secret: MASTODON_ACCESS_TOKENS, `<host>=<token>` pairs separated by commas. */
    accessTokens: z
      .string({ error: 'host=token pairs separated by commas' })
      .regex(/^\s*[a-z0-9.-]+=\S+(\s*,\s*[a-z0-9.-]+=\S+)*\s*$/i, { error: 'host=token pairs separated by commas' })
      .optional(),
    pageSize: integerFrom(1, 40).default(40),
    backfillDays: backfillDays(365, 30),
    maxPagesPerQuery: positiveInteger().default(10),
    maxPagesPerRun: positiveInteger().default(60),
    schedule: schedule('*/30 * * * *'),
    /** @defaultValue 1 page per 1000 ms */
    limiter: limiter(1, 1000),
  }),
  /** Care Opinion API v2 stories (subscription key required). */
  'care-opinion': section({
    enabled: flag().default(false),
    /** Secret: CARE_OPINION_KEY. */
    subscriptionKey: secret('a subscription key'),
    /** Search filters, one walk each, e.g. `{"healthservice": "rbv"}`; `{}` is the whole subscription. */
    filters: z
      .array(z.record(z.string(), z.string(), { error: 'an object of search parameters' }))
      .min(1, { error: 'at least one filter ({} for the whole subscription)' })
      .default([{}]),
    baseUrl: httpUrl().default('https://www.careopinion.org.uk/api/v2'),
    pageSize: integerFrom(1, 100).default(100),
    backfillDays: backfillDays(365, 30),
    maxPagesPerQuery: positiveInteger().default(20),
    maxPagesPerRun: positiveInteger().default(40),
    schedule: schedule('5 * * * *'),
    /** @defaultValue 5 pages per 1000 ms (the API allows 5 requests a second) */
    limiter: limiter(5, 1000),
  }),
  /** NHS website Ratings and Reviews (subscription key required). */
  'nhs-website': section({
    enabled: flag().default(false),
    /** Secret: NHS_WEBSITE_KEY. */
    subscriptionKey: secret('a subscription key'),
    /** Organisations whose reviews are read. @defaultValue the specialist cancer trusts */
    odsCodes: z
      .array(odsCode(), { error: 'a list of ODS codes' })
      .min(1, { error: 'at least one ODS code' })
      .default(DEFAULT_NHS_WEBSITE_ODS_CODES),
    /** Turn removed reviews into deletions. @defaultValue true */
    includeRemoved: flag().default(true),
    baseUrl: httpUrl().default('https://api.nhs.uk/comments'),
    pageSize: integerFrom(1, 100).default(100),
    backfillDays: backfillDays(365, 30),
    maxPagesPerQuery: positiveInteger().default(20),
    maxPagesPerRun: positiveInteger().default(60),
    schedule: schedule('0 4 * * *'),
    limiter: limiter(5, 1000),
  }),
  /** X API v2 recent search (bearer token required). */
  x: section({
    enabled: flag().default(false),
    /** Secret: X_BEARER_TOKEN. */
    bearerToken: secret('a bearer token'),
    queries: textList('search query').default(DEFAULT_X_QUERIES),
    baseUrl: httpUrl().default('https://api.x.com'),
    pageSize: integerFrom(10, 100).default(100),
    /** Recent search covers 7 days. @defaultValue 7 */
    backfillDays: backfillDays(7, 7),
    maxPagesPerQuery: positiveInteger().default(10),
    maxPagesPerRun: positiveInteger().default(20),
    schedule: schedule('0 */6 * * *'),
    /** @defaultValue 1 page per 2000 ms */
    limiter: limiter(1, 2000),
  }),
  /** RSS 2.0 and Atom feeds; needs at least one feed URL when enabled. */
  rss: z
    .strictObject(
      {
        enabled: flag().default(false),
        feeds: z.array(httpUrl(), { error: 'a list of feed URLs' }).default([]),
        backfillDays: backfillDays(365, 30),
        maxPagesPerQuery: positiveInteger().default(5),
        maxPagesPerRun: positiveInteger().default(50),
        schedule: schedule('20 * * * *'),
        limiter: limiter(1, 1000),
      },
      { error: 'an object of settings' },
    )
    .refine((rss) => !rss.enabled || rss.feeds.length > 0, {
      error: 'at least one feed URL when the source is enabled',
      path: ['feeds'],
    })
    .prefault({} as never),
  /** A trust's own FFT free-text CSV exports dropped into a folder. */
  'fft-export': section({
    enabled: flag().default(false),
    /** @defaultValue `./fft-inbox` */
    dir: nonEmptyText('a folder path').default('./fft-inbox'),
    /** Trust of the exports when a file has no ODS column. @defaultValue none */
    odsCode: odsCode().optional(),
    pageSize: integerFrom(1, 100_000).default(500),
    maxPagesPerRun: positiveInteger().default(200),
    schedule: schedule('*/15 * * * *'),
    limiter: limiter(20, 1000),
  }),
};

/** Secret keys of the web sources and the only environment variable each may come from. */
export const WEB_SOURCE_SECRET_KEYS: Readonly<Record<string, string>> = {
  'sources.reddit.clientId': 'REDDIT_CLIENT_ID',
  'sources.reddit.clientSecret': 'REDDIT_CLIENT_SECRET',
  'sources.bluesky.identifier': 'BLUESKY_IDENTIFIER',
  'sources.bluesky.appPassword': 'BLUESKY_APP_PASSWORD',
  'sources.mastodon.accessTokens': 'MASTODON_ACCESS_TOKENS',
  'sources.care-opinion.subscriptionKey': 'CARE_OPINION_KEY',
  'sources.nhs-website.subscriptionKey': 'NHS_WEBSITE_KEY',
  'sources.x.bearerToken': 'X_BEARER_TOKEN',
};
