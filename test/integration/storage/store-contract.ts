/**
 * The one conformance suite every Store implementation must pass. A backend file supplies the
 * database; this suite decides what correct means.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import type { Store } from '../../../src/storage/store.js';
import { describeAggregateContract } from './contract-aggregates.js';
import { describeAlertContract } from './contract-alerts.js';
import { describeAttributesContract } from './contract-attributes.js';
import { describeBookkeepingContract } from './contract-bookkeeping.js';
import { describeCommentContract } from './contract-comments.js';
import { describeDataVersionContract } from './contract-data-versions.js';
import { describeImportContract } from './contract-imports.js';
import { describeIntegrityContract } from './contract-integrity.js';
import { describeMinimisationContract } from './contract-minimisation.js';
import { describePaginationContract } from './contract-pagination.js';
import { describeTriangulationContract } from './contract-triangulation.js';

export interface StoreBackend {
  readonly dialect: Store['dialect'];
  /** Opens a new handle on the backend's database, migrated (as a separate process would). */
  open(): Promise<Store>;
  /** Empties every table, so each test starts clean. */
  clear(): Promise<void>;
  /** Removes the database (file or schema) and closes what `clear` used. */
  destroy(): Promise<void>;
}

/** What each contract test sees: the store under test and a way to open more handles on its database. */
export interface ContractContext {
  store(): Store;
  dialect: Store['dialect'];
  /** A second independent handle on the same database; closed after the test. */
  openHandle(): Promise<Store>;
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreBackend>): void {
  describe(`Store contract: ${name}`, () => {
    let backend: StoreBackend | undefined;
    let current: Store | undefined;
    const extraHandles: Store[] = [];

    beforeAll(async () => {
      backend = await makeStore();
    });
    beforeEach(async () => {
      await backend!.clear();
      current = await backend!.open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
      await Promise.all(extraHandles.splice(0).map((h) => h.close()));
    });
    afterAll(async () => {
      await backend?.destroy();
    });

    const context: ContractContext = {
      store: () => {
        if (!current) throw new Error('store contract: no store open (is the backend reachable?)');
        return current;
      },
      get dialect() {
        return backend!.dialect;
      },
      openHandle: async () => {
        const handle = await backend!.open();
        extraHandles.push(handle);
        return handle;
      },
    };

    describeCommentContract(context);
    describeAttributesContract(context);
    describePaginationContract(context);
    describeAggregateContract(context);
    describeBookkeepingContract(context);
    describeAlertContract(context);
    describeMinimisationContract(context);
    describeIntegrityContract(context);
    describeImportContract(context);
    describeTriangulationContract(context);
    describeDataVersionContract(context);
  });
}
