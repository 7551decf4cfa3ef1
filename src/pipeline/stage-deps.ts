import type { Connector } from '../connectors/connector.js';
import type { Analyser, RedactionCount } from '../domain/model.js';
import type { Store } from '../storage/store.js';
import type { AlertOptionsInput } from './alert/alert-options.js';
import type { SurveyScoreSource } from './alert/detect-divergence.js';
import type { PipelineOptionsInput } from './pipeline-options.js';

/** Removes personal data from text; the counts say what was removed. */
export type Redactor = (text: string) => { text: string; redactions: RedactionCount[] };

/** Everything the stage handlers need from outside, injected so tests can use real or small parts. */
export interface StageDeps {
  store: Store;
  /** Connectors by source id. */
  connectors: Map<string, Connector>;
  analyse: Analyser;
  redact: Redactor;
  /** Secret key of the HMAC that turns author handles into `authorHash`; never logged or stored. */
  authorHashKey: string;
  clock: () => Date;
  /** Folder that holds the dated export folders. */
  exportDir: string;
  options?: PipelineOptionsInput;
  /** Webhook and divergence settings of the alert stage. @defaultValue alerts stored, none sent */
  alerts?: AlertOptionsInput;
  /** Survey scores per trust × theme for the divergence rules. @defaultValue CPES rows imported into the store */
  surveyScores?: SurveyScoreSource;
}
