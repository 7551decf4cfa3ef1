import { describe, expect, it } from 'vitest';
import { schedules } from '../../../src/app/pipeline-settings.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createConnectors, createSourceConnector, SOURCE_IDS } from '../../../src/connectors/registry.js';
import { mastodonInstances } from '../../../src/connectors/web-source-connectors.js';

const quiet = { warn: () => {} };
const load = (settings: unknown, env: Record<string, string> = {}) =>
  loadConfig({ cwd: '/srv', env, files: { 'config/local.json': JSON.stringify(settings) }, ...quiet });

describe('source registry', () => {
  it('builds every enabled source and only those', () => {
    const config = load({
      sources: {
        sample: { enabled: false },
        reddit: { enabled: true },
        'care-opinion': { enabled: true },
        rss: { enabled: true, feeds: ['https://example.org/feed.xml'] },
        'fft-export': { enabled: true },
      },
    });
    expect([...createConnectors(config).keys()]).toEqual(['reddit', 'care-opinion', 'rss', 'fft-export']);
  });

  it('describes every source, enabled or not, with credentials only as set or not set', () => {
    const config = load(
      { sources: { rss: { feeds: ['https://example.org/feed.xml'] } } },
      { CARE_OPINION_KEY: 'synthetic-secret-key', MASTODON_ACCESS_TOKENS: 'mastodon.social=synthetic-token' },
    );
    for (const id of SOURCE_IDS) {
      const description = createSourceConnector(id, config).describe();
      expect(description.id).toBe(id);
      expect(JSON.stringify(description)).not.toMatch(/synthetic-secret-key|synthetic-token/);
    }
    expect(createSourceConnector('care-opinion', config).describe()).toMatchObject({
      authConfigured: true,
      options: { subscriptionKey: '(set)' },
    });
  });

  it('gives the rss connector a clear error when it has no feeds', () => {
    expect(() => createSourceConnector('rss', load({}))).toThrow(/configure at least one feed \(sources\.rss\.feeds\)/);
  });

  it('turns flat Mastodon settings into per-server targets with their tokens', () => {
    const instances = mastodonInstances(
      ['https://mastodon.social', 'https://mastodonapp.uk'],
      ['cancer'],
      ['mastodon.social:1001', 'fosstodon.org:42'],
      ' mastodonapp.uk=token-b , fosstodon.org=token-c',
    );
    expect(instances).toEqual([
      { baseUrl: 'https://mastodon.social', hashtags: ['cancer'], accountIds: ['1001'] },
      { baseUrl: 'https://mastodonapp.uk', hashtags: ['cancer'], accountIds: [], accessToken: 'token-b' },
      { baseUrl: 'https://fosstodon.org', hashtags: [], accountIds: ['42'], accessToken: 'token-c' },
    ]);
  });

  it('schedules each enabled source, and the retention purge on the aggregate queue', () => {
    const config = load({ sources: { sample: { enabled: false }, x: { enabled: true } } });
    const list = schedules(config);
    expect(list.find((s) => s.id === 'collect-x')).toMatchObject({
      stage: 'collect',
      source: 'x',
      pattern: '0 */6 * * *',
    });
    expect(list.find((s) => s.id === 'retention-purge')).toEqual({
      id: 'retention-purge',
      stage: 'aggregate',
      pattern: '30 1 * * *',
      tz: 'Europe/London',
      payload: { reason: 'retention-purge' },
    });
    expect(list.some((s) => s.id === 'collect-sample')).toBe(false);
  });
});
