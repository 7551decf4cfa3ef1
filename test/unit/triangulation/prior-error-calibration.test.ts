import { describe, expect, it } from 'vitest';
import {
  fitPriorErrorCalibration,
  type PriorErrorBlock,
  priorErrorReading,
} from '../../../src/domain/triangulation/prior-error-calibration.js';
import { crossFitPriorErrorCalibration } from '../../../src/domain/triangulation/prior-error-cross-fit.js';
import { Sampler } from '../../../src/domain/triangulation/simulation/sampler.js';

const NAMES = ['signal', 'culture', 'noise'];

/**
 * Blocks from a known model. Noise-free features ξ₁ ~ N(0, 0.04) and ξ₂ ~ N(0, 0.09) share a trust part
 * (correlation ≈ 0.5); the prior's error is 0.5·ξ₁ − 0.3·ξ₂ + N(0, 0.01). Each feature is seen with a
 * known sampling variance that differs by block, after an expected value that follows the prior
 * (intercept 1 or −1 by stratum for the first, slope 0.8 on the prior's departure for all). A third
 * feature is pure noise, unrelated to the error. Published blocks carry the error seen with noise 0.0025.
 */
function blocks(seed: number, trusts = 300, perTrust = 4, published = true): PriorErrorBlock[] {
  const s = new Sampler(seed);
  const out: PriorErrorBlock[] = [];
  for (let t = 0; t < trusts; t++) {
    const trustPart = s.normal(0, 1);
    for (let b = 0; b < perTrust; b++) {
      const xi1 = 0.2 * (Math.SQRT1_2 * trustPart + Math.SQRT1_2 * s.normal(0, 1));
      const xi2 = 0.3 * (Math.SQRT1_2 * trustPart + Math.SQRT1_2 * s.normal(0, 1));
      const error = 0.5 * xi1 - 0.3 * xi2 + s.normal(0, 0.1);
      const priorDeparture = s.normal(0, 0.3);
      const stratum = b % 2 === 0 ? 'a' : 'b';
      const noise = [0.001 + 0.02 * s.next(), 0.001 + 0.02 * s.next(), 0.01];
      const observe = (value: number, k: number) => value + 0.8 * priorDeparture + s.normal(0, Math.sqrt(noise[k]!));
      out.push({
        cluster: `T${t}`,
        priorDeparture,
        error: published ? error + s.normal(0, 0.05) : error,
        errorNoise: published ? 0.0025 : 0,
        features: [
          { value: observe((stratum === 'a' ? 1 : -1) + xi1, 0), noise: noise[0]!, stratum },
          { value: observe(xi2, 1), noise: noise[1]! },
          { value: observe(s.normal(0, 0.2), 2), noise: noise[2]! },
        ],
      });
    }
  }
  return out;
}

describe('fitPriorErrorCalibration', () => {
  it('recovers known partial effects and centring, despite the features’ sampling noise', () => {
    const c = fitPriorErrorCalibration(blocks(1, 600), NAMES);
    expect(c.effects[0]).toBeGreaterThan(0.5 * 0.8);
    expect(c.effects[0]).toBeLessThan(0.5 * 1.2);
    expect(c.effects[1]).toBeGreaterThan(-0.3 * 1.2);
    expect(c.effects[1]).toBeLessThan(-0.3 * 0.8);
    expect(c.centring[0]!.intercepts.get('a')).toBeCloseTo(1, 1);
    expect(c.centring[0]!.intercepts.get('b')).toBeCloseTo(-1, 1);
    expect(c.centring[1]!.slope).toBeCloseTo(0.8, 1);
    // The published error's own noise is taken out of its variance: 0.25·0.04 + 0.09·0.09 − 2·0.15·0.03 + 0.01.
    expect(c.errorVariance).toBeCloseTo(0.25 * 0.04 + 0.09 * 0.09 - 0.3 * 0.5 * 0.2 * 0.3 + 0.01, 2);
  });

  it('gives a pure-noise feature no weight at all', () => {
    for (const seed of [2, 3, 4]) {
      const c = fitPriorErrorCalibration(blocks(seed), NAMES);
      expect(c.selected).toEqual([true, true, false]);
      expect(c.effects[2]).toBe(0);
    }
  });

  it('would be attenuated without the correction for the features’ known noise', () => {
    const noisy = blocks(5, 600).map((b) => ({ ...b, features: b.features.map((f) => ({ ...f!, noise: 0 })) }));
    expect(fitPriorErrorCalibration(noisy, NAMES).effects[0]).toBeLessThan(0.5 * 0.8);
  });

  it('keeps fitting the other features when one source has no values at all', () => {
    const silent = blocks(16).map((b) => ({ ...b, features: [b.features[0], b.features[1], undefined] }));
    const c = fitPriorErrorCalibration(silent, NAMES);
    expect(c.selected).toEqual([true, true, false]);
    expect(c.blocks).toBe(silent.length);
  });

  it('rejects a block with the wrong number of features', () => {
    const bad = blocks(6, 5);
    bad[0] = { ...bad[0]!, features: bad[0]!.features.slice(1) };
    expect(() => fitPriorErrorCalibration(bad, NAMES)).toThrow(/has 2 features, expected 3/);
  });
});

describe('crossFitPriorErrorCalibration', () => {
  // Leaving one trust out (the default) gives the same answers here, ten times slower.
  const TEN_FOLDS = { folds: 10 };

  it('rejects fewer than two folds', () => {
    expect(() => crossFitPriorErrorCalibration(blocks(14, 20), NAMES, { folds: 1 })).toThrow(/folds must be/);
  });

  it('keeps the held-out calibration slope near 1 and explains part of the error out of sample', () => {
    const fit = crossFitPriorErrorCalibration(blocks(7), NAMES, TEN_FOLDS);
    expect(fit.scale).toBeGreaterThan(0.85);
    expect(fit.heldOut.residualVariance).toBeLessThan(0.8 * fit.heldOut.errorVariance);
  });

  it('gives signals no weight when none of them carries information', () => {
    const others = blocks(9);
    const unrelated = blocks(8).map((b, i) => ({ ...b, error: others[i]!.error }));
    const fit = crossFitPriorErrorCalibration(unrelated, NAMES, TEN_FOLDS);
    const reading = priorErrorReading(fit.forCluster('T0'), unrelated[0]!);
    expect(fit.forCluster('T0').selected.filter(Boolean).length === 0 || fit.scale === 0).toBe(true);
    expect(reading).toBeUndefined();
  });

  it('turns the prediction into a reading whose error is independent of the error it reads, of the stated size', () => {
    const fit = crossFitPriorErrorCalibration(blocks(10), NAMES, TEN_FOLDS);
    const held = blocks(11, 400, 4, false);
    let cross = 0;
    let squared = 0;
    let stated = 0;
    let count = 0;
    for (const b of held) {
      const r = priorErrorReading(fit.forCluster(b.cluster), b)!;
      const e = r.error - b.error!;
      cross += e * b.error!;
      squared += e ** 2;
      stated += r.variance;
      count++;
    }
    // Correlation of the reading's error with the error itself: near 0 (±0.1 allows for sampling).
    const errorSd = Math.sqrt(held.reduce((a, b) => a + b.error! ** 2, 0) / count);
    expect(Math.abs(cross / count / (Math.sqrt(squared / count) * errorSd))).toBeLessThan(0.1);
    expect(squared / stated).toBeGreaterThan(0.8);
    expect(squared / stated).toBeLessThan(1.25);
  });

  it('trusts a block with noisier features less', () => {
    const fit = crossFitPriorErrorCalibration(blocks(12), NAMES, TEN_FOLDS);
    const [b] = blocks(13, 1, 1, false);
    const calm = priorErrorReading(fit.forCluster('T0'), b!)!;
    const noisy = priorErrorReading(fit.forCluster('T0'), {
      ...b!,
      features: b!.features.map((f) => ({ ...f!, noise: f!.noise * 20 })),
    })!;
    expect(noisy.variance).toBeGreaterThan(3 * calm.variance);
  });
});
