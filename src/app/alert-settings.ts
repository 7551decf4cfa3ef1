import type { Config } from '../config/load-config.js';
import type { AlertOptionsInput } from '../pipeline/alert/alert-options.js';
import type { ScheduleConfig } from '../queue/index.js';

/** Translations from the operator's `alerts` settings to the alert stage's options and schedules. */

export function alertOptions(config: Config): AlertOptionsInput {
  const { divergence, sweep: _sweep, ...delivery } = config.alerts;
  const { schedule: _schedule, ...rules } = divergence;
  return { ...delivery, divergence: rules };
}

/** The redelivery sweep and the divergence check. */
export function alertSchedules(config: Config): ScheduleConfig[] {
  return [
    {
      id: 'alert-sweep',
      stage: 'alert',
      pattern: config.alerts.sweep.cron,
      tz: config.alerts.sweep.tz,
      payload: { action: 'sweep' },
    },
    {
      id: 'alert-divergence',
      stage: 'alert',
      pattern: config.alerts.divergence.schedule.cron,
      tz: config.alerts.divergence.schedule.tz,
      payload: { action: 'divergence' },
    },
  ];
}
