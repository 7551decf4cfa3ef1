import { getNextMillis, type JobSchedulerJson } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type StageName, stagePayloadSchemas } from '../pipeline/stage.js';
import { ScheduleConfigError } from './errors/schedule-config-error.js';
import { knownQueues, rememberQueues } from './known-queues.js';
import { queueNameFor } from './queue-names.js';
import { QueueSet } from './queue-set.js';
import { withRedisLock } from './redis-lock.js';
import { defaultJobOptions, type RuntimeOptions, resolveRuntimeOptions } from './runtime-options.js';

/**
 * Installs BullMQ Job Schedulers from configuration. Ids are stable (`carevoice.<id>`), so
 * re-running updates in place; schedulers under that namespace that are no longer configured are
 * removed, and anything else in the queues is left alone.
 */

export const SCHEDULER_NAMESPACE = 'carevoice.';
export const DEFAULT_SCHEDULE_TZ = 'Europe/London';
const SCHEDULE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface ScheduleConfig {
  /** Stable id, e.g. `nightly-export`; the scheduler is `carevoice.<id>`. */
  id: string;
  stage: StageName;
  /** Cron pattern; a sixth leading field means seconds. */
  pattern: string;
  /** IANA time zone the pattern is read in. @defaultValue `Europe/London` */
  tz?: string;
  payload: unknown;
  /** For collect: which source's queue (else the payload's source). */
  source?: string;
}

export interface SyncSchedulersOptions
  extends Pick<RuntimeOptions, 'prefix' | 'attempts' | 'backoffDelayMs' | 'retention' | 'eventsMaxLen'> {
  connection: Redis;
  schedules: readonly ScheduleConfig[];
  logger: Logger;
  /** Longest wait for another process's sync to finish. @defaultValue 30000 */
  lockWaitMs?: number;
  /** Clock for the next-run check. @defaultValue Date.now */
  now?: () => number;
}

export interface SyncSchedulersResult {
  upserted: string[];
  unchanged: string[];
  removed: string[];
}

interface PlannedSchedule {
  schedulerId: string;
  queueName: string;
  stage: StageName;
  pattern: string;
  tz: string;
  data: unknown;
}

/** Checks every schedule and reports all problems at once; pure apart from the clock. */
export function planSchedules(schedules: readonly ScheduleConfig[], now: number = Date.now()): PlannedSchedule[] {
  const problems: string[] = [];
  const planned: PlannedSchedule[] = [];
  const ids = new Set<string>();
  for (const schedule of schedules) {
    const label = `schedule "${schedule.id}"`;
    if (!SCHEDULE_ID.test(schedule.id)) problems.push(`${label}: id must be 1–64 of a-z, 0-9, '_' or '-'`);
    if (ids.has(schedule.id)) problems.push(`${label}: the id is used twice`);
    ids.add(schedule.id);
    if (!(schedule.stage in stagePayloadSchemas)) {
      problems.push(`${label}: "${schedule.stage}" is not a stage`);
      continue;
    }
    const tz = schedule.tz ?? DEFAULT_SCHEDULE_TZ;
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    } catch {
      problems.push(`${label}: "${tz}" is not an IANA time zone`);
      continue;
    }
    try {
      if (getNextMillis(now, { pattern: schedule.pattern, tz }) === undefined) {
        problems.push(`${label}: the pattern "${schedule.pattern}" never fires again`);
      }
    } catch (error) {
      problems.push(`${label}: the pattern "${schedule.pattern}" is not a cron pattern (${(error as Error).message})`);
    }
    const parsed = stagePayloadSchemas[schedule.stage].safeParse(schedule.payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`);
      problems.push(`${label}: payload does not match the ${schedule.stage} schema: ${issues.join('; ')}`);
      continue;
    }
    const payloadSource = (parsed.data as { source?: string }).source;
    let queueName: string;
    try {
      queueName = queueNameFor(schedule.stage, schedule.source ?? payloadSource);
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
      continue;
    }
    if (schedule.stage === 'collect' && schedule.source !== undefined && payloadSource !== schedule.source) {
      problems.push(`${label}: source "${schedule.source}" differs from payload source "${payloadSource}"`);
    }
    planned.push({
      schedulerId: `${SCHEDULER_NAMESPACE}${schedule.id}`,
      queueName,
      stage: schedule.stage,
      pattern: schedule.pattern,
      tz,
      data: parsed.data,
    });
  }
  if (problems.length > 0) throw new ScheduleConfigError(problems);
  return planned;
}

/**
 * Makes Redis hold exactly the configured schedules. Safe to call from several processes at once:
 * a Redis lock makes them take turns, and each upsert is idempotent, so the result is one
 * scheduler (and one next job) per schedule.
 */
export async function syncSchedulers(options: SyncSchedulersOptions): Promise<SyncSchedulersResult> {
  const runtime = resolveRuntimeOptions(options);
  const planned = planSchedules(options.schedules, (options.now ?? Date.now)());
  const { connection, logger } = options;
  const queues = new QueueSet(connection, runtime, logger);
  const result: SyncSchedulersResult = { upserted: [], unchanged: [], removed: [] };
  try {
    await withRedisLock(
      connection,
      `${runtime.prefix}:meta:schedulers-lock`,
      async () => {
        await rememberQueues(connection, runtime.prefix, [...new Set(planned.map((p) => p.queueName))]);
        for (const plan of planned) {
          const queue = queues.get(plan.queueName);
          const existing = await queue.getJobScheduler(plan.schedulerId);
          if (existing && sameSchedule(existing, plan)) {
            result.unchanged.push(plan.schedulerId);
            continue;
          }
          await queue.upsertJobScheduler(
            plan.schedulerId,
            { pattern: plan.pattern, tz: plan.tz },
            { name: plan.stage, data: plan.data, opts: defaultJobOptions(runtime) },
          );
          result.upserted.push(plan.schedulerId);
        }
        const wanted = new Set(planned.map((p) => `${p.queueName}\u0000${p.schedulerId}`));
        for (const queueName of await knownQueues(connection, runtime.prefix)) {
          const queue = queues.get(queueName);
          for (const scheduler of await queue.getJobSchedulers()) {
            const id = scheduler.key;
            if (!id.startsWith(SCHEDULER_NAMESPACE) || wanted.has(`${queueName}\u0000${id}`)) continue;
            await queue.removeJobScheduler(id);
            result.removed.push(id);
          }
        }
      },
      { waitMs: options.lockWaitMs ?? 30_000 },
    );
  } finally {
    await queues.close();
  }
  logger.info(result, 'job schedulers synchronised');
  return result;
}

function sameSchedule(existing: JobSchedulerJson, plan: PlannedSchedule): boolean {
  return (
    existing.pattern === plan.pattern &&
    existing.tz === plan.tz &&
    existing.template?.data !== undefined &&
    JSON.stringify(existing.template.data) === JSON.stringify(plan.data)
  );
}
