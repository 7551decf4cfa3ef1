import type { Config } from '../config/load-config.js';
import { createFileConnector } from './file/file-connector.js';
import { type SourceConnector, withDescription } from './http/source-connector.js';
import type { SampleTrust } from './sample/reference-trusts.js';
import { createSampleConnector } from './sample/sample-connector.js';
import { createWebSourceConnector, WEB_SOURCE_IDS, type WebSourceId } from './web-source-connectors.js';

/** Every source the configuration knows, in the order `sources list` shows them. */
export const SOURCE_IDS = ['file', 'sample', ...WEB_SOURCE_IDS] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export function isSourceId(value: string): value is SourceId {
  return (SOURCE_IDS as readonly string[]).includes(value);
}

/** What connectors need from outside the configuration. */
export interface ConnectorDeps {
  /** Trusts the sample writes about. @defaultValue read from config/reference/ods-trusts.csv */
  sampleTrusts?: readonly SampleTrust[];
}

/**
 * One source's connector, enabled or not (`sources test` tries a source before it is enabled).
 * Throws a RangeError when its settings cannot make a working connector (e.g. rss without feeds).
 */
export function createSourceConnector(
  id: SourceId,
  config: Pick<Config, 'sources'>,
  deps: ConnectorDeps = {},
): SourceConnector {
  const { file, sample } = config.sources;
  if (id === 'file') {
    const connector = createFileConnector({ id: 'file', dir: file.dir, pageSize: file.pageSize });
    return withDescription(connector, () => ({
      id,
      title: 'File inbox (JSON Lines and CSV)',
      endpoint: file.dir,
      auth: 'none',
      authConfigured: false,
      options: { dir: file.dir, pageSize: file.pageSize },
    }));
  }
  if (id === 'sample') {
    const connector = createSampleConnector({
      id: 'sample',
      seed: sample.seed,
      count: sample.count,
      pageSize: sample.pageSize,
      referenceDate: sample.referenceDate,
      trusts: deps.sampleTrusts,
    });
    return withDescription(connector, () => ({
      id,
      title: 'Seeded synthetic comments (demo)',
      endpoint: `seed ${sample.seed}`,
      auth: 'none',
      authConfigured: false,
      options: {
        seed: sample.seed,
        count: sample.count,
        pageSize: sample.pageSize,
        referenceDate: sample.referenceDate,
      },
    }));
  }
  return createWebSourceConnector(id as WebSourceId, config.sources);
}

/** The connectors of the enabled sources, by source id (which names each `collect-<id>` queue). */
export function createConnectors(
  config: Pick<Config, 'sources'>,
  deps: ConnectorDeps = {},
): Map<string, SourceConnector> {
  const connectors = new Map<string, SourceConnector>();
  for (const id of SOURCE_IDS) {
    if (config.sources[id].enabled) connectors.set(id, createSourceConnector(id, config, deps));
  }
  return connectors;
}
