import { readFileSync } from 'node:fs';
import { shippedFile } from '../config/paths.js';
import { createAnalyser } from '../domain/analysis/create-analyser.js';
import type { Analyser } from '../domain/model.js';
import { loadSentimentModel } from '../domain/sentiment/index.js';
import { loadTrustLinker } from './trust-reference.js';

export const SENTIMENT_MODEL_FILE = 'models/sentiment-model.json';

/** Builds the analyser from the shipped reference files and sentiment model (or another model file). */
export function loadAnalyser(options: { modelPath?: string } = {}): Analyser {
  const modelPath = options.modelPath ?? shippedFile(SENTIMENT_MODEL_FILE);
  const scorer = loadSentimentModel(JSON.parse(readFileSync(modelPath, 'utf8')));
  return createAnalyser({ linker: loadTrustLinker(), scorer });
}
