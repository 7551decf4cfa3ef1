import { createHmac } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertDeliveryJobId } from '../../../src/alerts/alert.js';
import { type AlertOptionsInput, alertOptionsSchema } from '../../../src/pipeline/alert/alert-options.js';
import { createAlertStage } from '../../../src/pipeline/alert/alert-stage.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { type StageRunner, startStageRunner } from '../../../src/queue/stage-runner.js';
import { openTempStore, type TempStore } from '../pipeline/support/pipeline-fixtures.js';
import { createRedisKit, eventually, handlersWith, quietLogger, type RedisKit } from '../queue/support/redis-kit.js';
import { storedSafetyAlert } from './support/alert-fixtures.js';
import { startWebhookServer, type WebhookServer } from './support/webhook-server.js';

/** Delivery through the real queue runtime (Redis, BullMQ retries) to a real local HTTP receiver. */

const SECRET = 'synthetic-webhook-secret-0123';

let kit: RedisKit;
let temp: TempStore;
let webhook: WebhookServer;
let runner: StageRunner | undefined;
let now: number;

beforeEach(async () => {
  kit = createRedisKit();
  temp = await openTempStore();
  webhook = await startWebhookServer();
  now = Date.parse('2024-05-01T10:00:00.000Z');
  runner = undefined;
});
afterEach(async () => {
  await runner?.close();
  await webhook.close();
  await temp.cleanup();
  await kit.cleanup();
});

async function start(options: AlertOptionsInput = {}, attempts = 5): Promise<StageRunner> {
  const alert = createAlertStage({
    store: temp.store,
    clock: () => new Date(now),
    options: alertOptionsSchema.parse({ webhookUrl: webhook.url, webhookSecret: SECRET, timeoutMs: 2000, ...options }),
    surveyScores: async () => [],
  });
  runner = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(handlersWith({ alert })),
    sources: [],
    stages: ['alert'],
    logger: quietLogger(),
    attempts,
    backoffDelayMs: 20,
  });
  return runner;
}

async function deliver(r: StageRunner, alertId: string, jobId = alertDeliveryJobId(alertId, 0)): Promise<void> {
  await enqueueStageJobs(r.queues, 'alert', [{ id: jobId, payload: { action: 'deliver', alertId } }]);
}

async function finished(r: StageRunner, jobId: string): Promise<Job> {
  let job: Job | undefined;
  await eventually(async () => {
    job = await r.queues.get('alert').getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    return state === 'completed' || state === 'failed';
  }, `alert job ${jobId} to finish`);
  // Read again: the copy fetched while polling may predate the final state.
  return (await r.queues.get('alert').getJob(jobId))!;
}

describe('alert delivery to a webhook', () => {
  it('retries 5xx answers with backoff and delivers exactly once, signed, with the alert id as Idempotency-Key', async () => {
    const alert = storedSafetyAlert('a1');
    await temp.store.recordAlerts([alert]);
    webhook.script([{ status: 500 }, { status: 503 }]);
    const r = await start();
    await deliver(r, alert.id);
    const job = await finished(r, alertDeliveryJobId(alert.id, 0));
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(3);
    expect(webhook.received).toHaveLength(3);
    for (const request of webhook.received) {
      expect(request.method).toBe('POST');
      expect(request.headers['idempotency-key']).toBe(alert.id);
      const timestamp = request.headers['x-carevoice-timestamp'] as string;
      const signature = createHmac('sha256', SECRET).update(`${timestamp}.${request.body}`).digest('hex');
      expect(request.headers['x-carevoice-signature']).toBe(`sha256=${signature}`);
      expect(JSON.parse(request.body)).toMatchObject({
        id: alert.id,
        kind: 'missed_deterioration',
        trust: { odsCode: 'RBV', name: alert.trustName },
        tumourGroups: ['haematological'],
        period: '2024-04',
        evidenceText: alert.evidenceText,
        comment: { source: 'sample', externalId: 'a1' },
        createdAt: alert.createdAt,
      });
    }
    expect((await temp.store.getAlert(alert.id))?.delivery).toEqual({
      state: 'delivered',
      attempts: 3,
      lastError: null,
      deliveredAt: new Date(now).toISOString(),
      failedAt: null,
    });

    // Asked again under another job id (a sweep, an operator), a delivered alert is not sent again.
    await deliver(r, alert.id, alertDeliveryJobId(alert.id, 3));
    const again = await finished(r, alertDeliveryJobId(alert.id, 3));
    expect(again.returnvalue).toEqual({ alertId: alert.id, outcome: 'already_delivered' });
    expect(webhook.received).toHaveLength(3);
  });

  it('fails a refused alert (HTTP 400) for good with the reason, without retrying', async () => {
    const alert = storedSafetyAlert('a2');
    await temp.store.recordAlerts([alert]);
    webhook.script([], { status: 400, body: 'unknown field "kind"' });
    const r = await start();
    await deliver(r, alert.id);
    const job = await finished(r, alertDeliveryJobId(alert.id, 0));
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^alert_rejected: /);
    expect(webhook.received).toHaveLength(1);
    const stored = await temp.store.getAlert(alert.id);
    expect(stored?.delivery).toMatchObject({ state: 'failed', attempts: 1, failedAt: new Date(now).toISOString() });
    expect(stored?.delivery.lastError).toBe('webhook refused the alert with HTTP 400: unknown field "kind"');
  });

  it('treats a timeout and a 429 as worth retrying', async () => {
    const alert = storedSafetyAlert('a3');
    await temp.store.recordAlerts([alert]);
    webhook.script(['hang', { status: 429 }]);
    const r = await start({ timeoutMs: 300 });
    await deliver(r, alert.id);
    const job = await finished(r, alertDeliveryJobId(alert.id, 0));
    expect(await job.getState()).toBe('completed');
    expect(webhook.received).toHaveLength(3);
    expect((await temp.store.getAlert(alert.id))?.delivery).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('sweeps up an alert whose job was lost, and one whose retries ran out, and sends nothing twice', async () => {
    const lost = storedSafetyAlert('lost', '2024-05-01T09:58:00.000Z');
    const exhausted = storedSafetyAlert('exhausted', '2024-05-01T09:58:00.000Z');
    const delivered = storedSafetyAlert('delivered', '2024-05-01T09:00:00.000Z');
    await temp.store.recordAlerts([lost, exhausted, delivered]);
    await temp.store.settleAlertDelivery(delivered.id, { state: 'delivered', at: '2024-05-01T09:00:01.000Z' });

    // Two attempts per job, and the receiver is down: the job for `exhausted` fails for good.
    webhook.script([], { status: 502 });
    const r = await start({ staleAfterMs: 15 * 60_000 }, 2);
    await deliver(r, exhausted.id);
    const failedJob = await finished(r, alertDeliveryJobId(exhausted.id, 0));
    expect(await failedJob.getState()).toBe('failed');
    expect((await temp.store.getAlert(exhausted.id))?.delivery).toMatchObject({ state: 'pending', attempts: 2 });
    expect(webhook.received).toHaveLength(2);

    // A sweep before the alerts are stale re-enqueues nothing.
    await enqueueStageJobs(r.queues, 'alert', [{ id: 'sweep-1', payload: { action: 'sweep' } }]);
    expect((await finished(r, 'sweep-1')).returnvalue).toEqual({ requeued: 0 });

    // The receiver is back; 20 minutes later the sweep finds both undelivered alerts.
    webhook.script([], { status: 204 });
    now += 20 * 60_000;
    await enqueueStageJobs(r.queues, 'alert', [{ id: 'sweep-2', payload: { action: 'sweep' } }]);
    expect((await finished(r, 'sweep-2')).returnvalue).toEqual({ requeued: 2 });
    await finished(r, alertDeliveryJobId(lost.id, 0));
    await finished(r, alertDeliveryJobId(exhausted.id, 2));
    expect((await temp.store.getAlert(lost.id))?.delivery).toMatchObject({ state: 'delivered', attempts: 1 });
    expect((await temp.store.getAlert(exhausted.id))?.delivery).toMatchObject({ state: 'delivered', attempts: 3 });
    const sentIds = webhook.received.slice(2).map((request) => request.headers['idempotency-key']);
    expect(sentIds.sort()).toEqual([lost.id, exhausted.id].sort());

    // Nothing is pending any more: a later sweep sends nothing.
    now += 20 * 60_000;
    await enqueueStageJobs(r.queues, 'alert', [{ id: 'sweep-3', payload: { action: 'sweep' } }]);
    expect((await finished(r, 'sweep-3')).returnvalue).toEqual({ requeued: 0 });
    expect(webhook.received).toHaveLength(4);
  });
});
