import { z } from 'zod';
import type { FeatureOptions } from './features.js';
import type { SentimentModel } from './sentiment-model.js';

/**
 * The shipped model file: JSON with a provenance header and the non-zero hashed weights, stored sparsely
 * (delta-coded bucket numbers as varints, weights as int16 with one scale) so the file stays a few hundred KB.
 */
export const MODEL_FORMAT = 'carevoice-sentiment-model';
export const MODEL_FORMAT_VERSION = 1;

export class SentimentModelError extends Error {
  readonly code = 'sentiment_model_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'SentimentModelError';
  }
}

const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  header: z.object({
    version: z.string(),
    trainingDate: z.string(),
    trainingData: z.array(z.object({ file: z.string(), sha256: z.string(), rows: z.number() })),
    splitSeed: z.number(),
    hyperparameters: z.record(z.string(), z.unknown()),
    notes: z.record(z.string(), z.unknown()).optional(),
  }),
  features: z.object({
    hashBits: z.number().int().min(8).max(24),
    bigrams: z.boolean(),
    charNgramMax: z.number().int().min(0),
    charNgramMin: z.number().int().min(1),
    negationMarking: z.boolean(),
    lexiconCues: z.boolean(),
    questionInteractions: z.boolean(),
    // Files written before the option existed were trained with length cues.
    lengthCues: z.boolean().default(true),
  }),
  rating: z.object({ veryPositive: z.number(), veryNegative: z.number() }),
  bias: z.tuple([z.number(), z.number(), z.number()]),
  weights: z.object({
    buckets: z.number().int().min(0),
    scale: z.number().positive(),
    index: z.string(),
    values: z.string(),
  }),
});

export type SentimentModelFile = z.infer<typeof modelFileSchema>;

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

/** Serialises a model; the same model always gives the same JSON text. */
export function encodeSentimentModel(model: SentimentModel): SentimentModelFile {
  const w = model.softmax.weights;
  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i] as number));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const index: number[] = [];
  const values: number[] = [];
  let previous = 0;
  for (let b = 0; b * 3 < w.length; b++) {
    const q = [0, 1, 2].map((c) => Math.round((w[b * 3 + c] as number) / scale));
    if (q[0] === 0 && q[1] === 0 && q[2] === 0) continue;
    writeVarint(index, b - previous);
    previous = b;
    values.push(...q);
  }
  const valueBytes = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => {
    valueBytes.writeInt16LE(v, i * 2);
  });
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    header: model.header,
    features: model.features,
    rating: model.rating,
    bias: [model.softmax.bias[0] as number, model.softmax.bias[1] as number, model.softmax.bias[2] as number],
    weights: {
      buckets: values.length / 3,
      scale,
      index: Buffer.from(index).toString('base64'),
      values: valueBytes.toString('base64'),
    },
  };
}

/** Validates and unpacks a model file (already parsed from JSON). */
export function decodeSentimentModel(json: unknown): SentimentModel {
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new SentimentModelError(`not a CareVoice sentiment model: ${problems}`);
  }
  const file = parsed.data;
  const features: FeatureOptions = file.features;
  const size = 2 ** features.hashBits;
  const weights = new Float32Array(size * 3);
  const index = Buffer.from(file.weights.index, 'base64');
  const values = Buffer.from(file.weights.values, 'base64');
  if (values.length !== file.weights.buckets * 6) {
    throw new SentimentModelError(`weights: expected ${file.weights.buckets * 6} value bytes, found ${values.length}`);
  }
  let offset = 0;
  let bucket = 0;
  for (let n = 0; n < file.weights.buckets; n++) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      if (offset >= index.length) throw new SentimentModelError('weights: bucket index ends early');
      byte = index[offset++] as number;
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    bucket += delta;
    if (bucket >= size) throw new SentimentModelError(`weights: bucket ${bucket} outside 2^${features.hashBits}`);
    for (let c = 0; c < 3; c++) weights[bucket * 3 + c] = values.readInt16LE((n * 3 + c) * 2) * file.weights.scale;
  }
  return {
    header: file.header,
    features,
    rating: file.rating,
    softmax: { weights, bias: Float64Array.from(file.bias) },
  };
}
