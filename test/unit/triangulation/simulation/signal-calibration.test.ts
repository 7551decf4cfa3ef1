import { describe, expect, it } from 'vitest';
import {
  type CalibrationPoint,
  fitSignalCalibration,
  readSignal,
} from '../../../../src/domain/triangulation/signal-calibration.js';
import { Sampler } from '../../../../src/domain/triangulation/simulation/sampler.js';

/**
 * Points from a known map: signal = intercept[stratum] + 2·truth − 0.5·covariate + common + independent
 * (variance 0.04 + its known sampling noise), with the truth seen through noise of variance 0.3² (as a
 * published score is); its sd defaults to 0.3.
 */
function points(seed: number, truthSd = 0.3, blocks = 400): CalibrationPoint[] {
  const s = new Sampler(seed);
  const out: CalibrationPoint[] = [];
  for (let block = 0; block < blocks; block++) {
    const stratum = block % 2 === 0 ? 'a' : 'b';
    const common = s.normal(0, 0.4);
    const covariate = s.normal(0, 1);
    for (let q = 0; q < 6; q++) {
      const truth = 0.7 * covariate + s.normal(0, 1);
      const noise = 0.5 / (1 + Math.floor(10 * s.next()));
      const signal =
        (stratum === 'a' ? 1 : -1) + 2 * truth - 0.5 * covariate + common + s.normal(0, Math.sqrt(0.04 + noise));
      out.push({
        block: `b${block}`,
        stratum,
        signal,
        noise,
        truth: truth + s.normal(0, truthSd),
        truthVariance: truthSd ** 2,
        covariates: [covariate],
      });
    }
  }
  return out;
}

describe('fitSignalCalibration', () => {
  it('recovers a known linear map despite noise in the published truth', () => {
    const c = fitSignalCalibration(points(11));
    expect(c.slope).toBeCloseTo(2, 1);
    expect(c.intercepts.get('a')).toBeCloseTo(1, 1);
    expect(c.intercepts.get('b')).toBeCloseTo(-1, 1);
    expect(c.covariateSlopes[0]).toBeCloseTo(-0.5, 1);
    expect(c.commonVariance).toBeGreaterThan(0.16 * 0.7);
    expect(c.commonVariance).toBeLessThan(0.16 * 1.3);
  });

  it('recovers the error variance beyond the known noise when the truth is seen sharply', () => {
    // With noisier truth, slope² · truth variance would dwarf the 0.04 sought here.
    const c = fitSignalCalibration(points(15, 0.1, 2000));
    expect(c.baseVariance).toBeGreaterThan(0.04 * 0.6);
    expect(c.baseVariance).toBeLessThan(0.04 * 1.4);
  });

  it('would be attenuated without the correction for the truth’s own noise', () => {
    const noisy = points(12).map((p) => ({ ...p, truthVariance: 0 }));
    expect(fitSignalCalibration(noisy).slope).toBeLessThan(1.9);
  });

  it('reads the truth back by inverting the map', () => {
    const c = fitSignalCalibration(points(13));
    const reading = readSignal(c, { signal: 1 + 2 * 0.8 - 0.5 * 0.4, noise: 0, stratum: 'a', covariates: [0.4] })!;
    expect(reading.truth).toBeCloseTo(0.8, 1);
    expect(reading.variance).toBeCloseTo(c.baseVariance / c.slope ** 2, 9);
    const noisy = readSignal(c, { signal: 1, noise: 0.3, stratum: 'a', covariates: [0] })!;
    expect(noisy.variance).toBeCloseTo((c.baseVariance + 0.3) / c.slope ** 2, 9);
    expect(reading.commonVariance).toBeCloseTo(c.commonVariance / c.slope ** 2, 9);
    expect(readSignal(c, { signal: 0, noise: 0, stratum: 'unknown', covariates: [0] })).toBeUndefined();
  });

  it('refuses to fit on too few points', () => {
    expect(() => fitSignalCalibration(points(14).slice(0, 3))).toThrow(RangeError);
  });
});

describe('a measurement shared by a block', () => {
  /** One signal per block, read onto each of its 6 points: its sampling noise is common to them. */
  function sharedPoints(seed: number): CalibrationPoint[] {
    const s = new Sampler(seed);
    const out: CalibrationPoint[] = [];
    for (let block = 0; block < 1500; block++) {
      const noise = 0.02 + 0.08 * s.next();
      const level = s.normal(0, 1);
      const signal = 2 * level + s.normal(0, 0.4) + s.normal(0, Math.sqrt(noise));
      for (let q = 0; q < 6; q++) {
        out.push({ block: `b${block}`, signal, noise, sharedNoise: true, truth: level, truthVariance: 0 });
      }
    }
    return out;
  }

  it('counts its noise as common error, not as error that averages away across the block', () => {
    const c = fitSignalCalibration(sharedPoints(21));
    // Beyond the shared noise, the common error is the 0.4² of the signal's own bias.
    expect(c.commonVariance).toBeGreaterThan(0.16 * 0.75);
    expect(c.commonVariance).toBeLessThan(0.16 * 1.25);
    const reading = readSignal(c, { signal: 1, noise: 0.3, sharedNoise: true })!;
    expect(reading.commonVariance).toBeCloseTo((c.commonVariance + 0.3) / c.slope ** 2, 9);
    expect(reading.variance).toBeCloseTo(c.baseVariance / c.slope ** 2, 9);
  });
});
