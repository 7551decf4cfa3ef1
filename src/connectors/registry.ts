import type { Config } from '../config/load-config.js';
import type { Connector } from './connector.js';
import { createFileConnector } from './file/file-connector.js';
import type { SampleTrust } from './sample/reference-trusts.js';
import { createSampleConnector } from './sample/sample-connector.js';

/** What connectors need from outside the configuration. */
export interface ConnectorDeps {
  /** Trusts the sample writes about. @defaultValue read from config/reference/ods-trusts.csv */
  sampleTrusts?: readonly SampleTrust[];
}

/** The connectors of the enabled sources, by source id (which names each `collect:<id>` queue). */
export function createConnectors(config: Pick<Config, 'sources'>, deps: ConnectorDeps = {}): Map<string, Connector> {
  const connectors = new Map<string, Connector>();
  const { file, sample } = config.sources;
  if (file.enabled) {
    connectors.set('file', createFileConnector({ id: 'file', dir: file.dir, pageSize: file.pageSize }));
  }
  if (sample.enabled) {
    connectors.set(
      'sample',
      createSampleConnector({
        id: 'sample',
        seed: sample.seed,
        count: sample.count,
        pageSize: sample.pageSize,
        referenceDate: sample.referenceDate,
        trusts: deps.sampleTrusts,
      }),
    );
  }
  return connectors;
}
