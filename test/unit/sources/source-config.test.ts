import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { WEB_SOURCE_IDS } from '../../../src/connectors/web-source-connectors.js';

const quiet = { warn: () => {} };
const load = (settings: unknown, env: Record<string, string> = {}) =>
  loadConfig({ cwd: '/srv/carevoice', env, files: { 'config/local.json': JSON.stringify(settings) }, ...quiet });

function problems(settings: unknown, env: Record<string, string> = {}): string[] {
  try {
    load(settings, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.problem}`);
  }
  throw new Error('expected a ConfigError');
}

describe('source settings', () => {
  it('leaves every web source off, with NHS cancer-care defaults and the suggested limiters', () => {
    const { sources, retention, schedules } = load({});
    for (const id of WEB_SOURCE_IDS) expect(sources[id].enabled, id).toBe(false);
    expect(sources.reddit.subreddits).toContain('sarcoma');
    expect(sources.mastodon.hashtags).toContain('cancer');
    expect(sources['nhs-website'].odsCodes).toEqual(['RBV', 'REN', 'RPY']);
    expect(sources['care-opinion'].limiter).toEqual({ max: 5, durationMs: 1000 });
    expect(sources.reddit.limiter).toEqual({ max: 100, durationMs: 60_000 });
    expect(sources.mastodon.limiter).toEqual({ max: 1, durationMs: 1000 });
    expect(sources.x.limiter).toEqual({ max: 1, durationMs: 2000 });
    expect(sources['fft-export'].dir).toBe('/srv/carevoice/fft-inbox');
    expect(retention.commentTextDays).toBe(365);
    expect(schedules.retention).toEqual({ cron: '30 1 * * *', tz: 'Europe/London' });
  });

  it('reads credentials only from the environment', () => {
    const config = load(
      { sources: { x: { enabled: true } } },
      { X_BEARER_TOKEN: 'synthetic-bearer', REDDIT_CLIENT_ID: 'id', CAREVOICE_X_ENABLED: 'true' },
    );
    expect(config.sources.x.bearerToken).toBe('synthetic-bearer');
    expect(config.sources.reddit.clientId).toBe('id');
    expect(config.sources.reddit.clientSecret).toBeUndefined();

    const found = problems({ sources: { 'care-opinion': { subscriptionKey: 'in-a-file' } } });
    expect(found).toEqual([
      'sources.care-opinion.subscriptionKey: secrets are read only from the environment; remove it from the file and set CARE_OPINION_KEY',
    ]);
    expect(found.join('\n')).not.toContain('in-a-file');
  });

  it('reports every bad source setting at once', () => {
    const found = problems(
      {
        sources: {
          reddit: { subreddits: ['r/cancer', 'not a sub!'], pageSize: 500 },
          rss: { enabled: true },
          'nhs-website': { odsCodes: ['rbv', 'R*'] },
          x: { backfillDays: 30 },
          mastodon: { accounts: ['mastodon.social'] },
        },
      },
      { MASTODON_ACCESS_TOKENS: 'no-pairs-here' },
    );
    expect(found).toHaveLength(7);
    expect(found.join('\n')).toMatch(/sources\.reddit\.subreddits\.1: expected a subreddit name/);
    expect(found.join('\n')).toMatch(/sources\.reddit\.pageSize: expected an integer from 1 to 100/);
    expect(found.join('\n')).toMatch(/sources\.rss\.feeds: expected at least one feed URL when the source is enabled/);
    expect(found.join('\n')).toMatch(/sources\.nhs-website\.odsCodes\.1: expected an ODS code/);
    expect(found.join('\n')).toMatch(/sources\.x\.backfillDays: expected an integer from 1 to 7/);
    expect(found.join('\n')).toMatch(/sources\.mastodon\.accounts\.0: expected an account/);
    expect(found.join('\n')).toMatch(/sources\.mastodon\.accessTokens: .*hidden/);
  });

  it('normalises subreddit names, ODS codes and URLs', () => {
    const config = load({
      sources: {
        reddit: { subreddits: ['r/cancer'], baseUrl: 'http://127.0.0.1:9/' },
        'nhs-website': { odsCodes: [' rbv '] },
      },
    });
    expect(config.sources.reddit.subreddits).toEqual(['cancer']);
    expect(config.sources.reddit.baseUrl).toBe('http://127.0.0.1:9');
    expect(config.sources['nhs-website'].odsCodes).toEqual(['RBV']);
  });
});
