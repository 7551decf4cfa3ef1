/** `carevoice query alerts`: an alert that no webhook will send says so in the table, not in the data. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQuery } from '../../../src/cli/commands/query-command.js';
import { syntheticSafetyAlert } from '../export/support/export-fixtures.js';
import { openTempStore, type TempStore } from '../pipeline/support/pipeline-fixtures.js';

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore();
  await temp.store.recordAlerts([syntheticSafetyAlert('a-1', 'a synthetic safety concern')]);
});
afterEach(async () => {
  await temp.cleanup();
});

const options = { limit: 10, format: 'table' as const };
const deliveryColumn = (result: Awaited<ReturnType<typeof runQuery>>) =>
  result.rows.map((row) => row[result.header.indexOf('delivery')]);

describe('query alerts', () => {
  it('marks a pending alert when no webhook is set, and leaves the items as stored', async () => {
    const unsent = await runQuery(temp.store, 'alerts', options, { webhookConfigured: false });
    expect(deliveryColumn(unsent)).toEqual(['pending (no webhook set)']);
    expect((unsent.items as { delivery: { state: string } }[]).map((a) => a.delivery.state)).toEqual(['pending']);
    const queued = await runQuery(temp.store, 'alerts', options, { webhookConfigured: true });
    expect(deliveryColumn(queued)).toEqual(['pending']);
  });
});
