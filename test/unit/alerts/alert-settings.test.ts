import { describe, expect, it } from 'vitest';
import { alertOptions, alertSchedules } from '../../../src/app/alert-settings.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { alertOptionsSchema } from '../../../src/pipeline/alert/alert-options.js';
import { planSchedules } from '../../../src/queue/schedulers.js';

const quiet = { warn: () => {}, files: {} };

describe('alert settings', () => {
  it('takes the webhook and its secret from the environment only, and passes the rules to the stage', () => {
    const config = loadConfig({
      ...quiet,
      env: {
        CAREVOICE_ALERT_WEBHOOK_URL: 'https://hooks.example.org/carevoice?token=abc',
        CAREVOICE_ALERT_WEBHOOK_SECRET: 'synthetic-secret-0123456789',
        CAREVOICE_ALERT_TIMEOUT_MS: '2500',
      },
    });
    const options = alertOptionsSchema.parse(alertOptions(config));
    expect(options).toMatchObject({
      webhookUrl: 'https://hooks.example.org/carevoice?token=abc',
      webhookSecret: 'synthetic-secret-0123456789',
      timeoutMs: 2500,
      staleAfterMs: 900_000,
      divergence: { minComments: 20, credibility: 0.95, recentMonths: 3, baselineMonths: 6 },
    });
    expect(() =>
      loadConfig({
        ...quiet,
        files: { 'config/local.json': '{"alerts":{"webhookUrl":"https://x.example"}}' },
        env: {},
      }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ ...quiet, env: { CAREVOICE_ALERT_WEBHOOK_URL: 'ftp://x' } })).toThrow(
      /alerts\.webhookUrl/,
    );
  });

  it('without a webhook, delivery is off but the rules still run', () => {
    const options = alertOptionsSchema.parse(alertOptions(loadConfig({ ...quiet, env: {} })));
    expect(options.webhookUrl).toBeUndefined();
    expect(options.divergence.minComments).toBe(20);
  });

  it('schedules the sweep and the divergence check on the alert queue with valid payloads', () => {
    const planned = planSchedules(alertSchedules(loadConfig({ ...quiet, env: {} })));
    expect(planned.map((p) => [p.schedulerId, p.queueName, p.pattern, p.data])).toEqual([
      ['carevoice.alert-sweep', 'alert', '*/10 * * * *', { action: 'sweep' }],
      ['carevoice.alert-divergence', 'alert', '45 * * * *', { action: 'divergence' }],
    ]);
  });
});
