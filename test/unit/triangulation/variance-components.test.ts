import { describe, expect, it } from 'vitest';
import type { QuestionContext } from '../../../src/domain/triangulation/question-context.js';
import { Sampler } from '../../../src/domain/triangulation/simulation/sampler.js';
import { fitTrustQuestionVariance, poolTrustEffects } from '../../../src/domain/triangulation/trust-effect-pooling.js';
import {
  betweenBlockVariance,
  type DepartureBlock,
  withinBlockVariance,
} from '../../../src/domain/triangulation/variance-components.js';

/** Blocks with known components: between 0.05, within 0.02, noise from 0.01 up to 3 (a few huge ones). */
function blocks(seed: number): DepartureBlock[] {
  const s = new Sampler(seed);
  return Array.from({ length: 600 }, () => {
    const effect = s.normal(0, Math.sqrt(0.05));
    const block: DepartureBlock = { departures: [], noise: [] };
    for (let q = 0; q < 12; q++) {
      const noise = s.next() < 0.05 ? 3 : 0.01 + 0.05 * s.next();
      block.departures.push(effect + s.normal(0, Math.sqrt(0.02)) + s.normal(0, Math.sqrt(noise)));
      block.noise.push(noise);
    }
    return block;
  });
}

describe('variance components', () => {
  it('recovers known within and between variances although a few departures carry huge noise', () => {
    const b = blocks(3);
    const within = withinBlockVariance(b, 1e-4);
    expect(within).toBeGreaterThan(0.02 * 0.8);
    expect(within).toBeLessThan(0.02 * 1.2);
    const between = betweenBlockVariance(b, within, 1e-4);
    expect(between).toBeGreaterThan(0.05 * 0.8);
    expect(between).toBeLessThan(0.05 * 1.2);
  });

  it('returns the floor when the noise explains all the spread', () => {
    const s = new Sampler(4);
    const pure = Array.from({ length: 3000 }, () => {
      const noise = [0.1, 0.2, 0.3];
      return { departures: noise.map((v) => s.normal(0, Math.sqrt(v))), noise };
    });
    expect(withinBlockVariance(pure, 1e-4)).toBeLessThan(0.01);
  });
});

const context = (question: number, trustEffect: number, trustEffectVariance: number): QuestionContext =>
  ({ question, trustEffect, trustEffectVariance }) as QuestionContext;

describe('poolTrustEffects', () => {
  it('shrinks each question toward the trust mean by τ² / (τ² + noise), and narrows its variance', () => {
    const contexts = [context(1, 0.4, 0.02), context(2, 0, 0.02), context(3, -0.1, 0.02), context(4, 0.1, 0.02)];
    poolTrustEffects(contexts, 0.02);
    // Equal noise: the mean is 0.1 and each effect keeps half its departure from it.
    expect(contexts[0]!.trustEffect).toBeCloseTo(0.1 + 0.5 * 0.3, 9);
    expect(contexts[2]!.trustEffect).toBeCloseTo(0.1 - 0.5 * 0.2, 9);
    expect(contexts[0]!.trustEffectVariance).toBeLessThan(0.02);
  });

  it('fits τ² from trusts whose question effects spread beyond their noise', () => {
    const s = new Sampler(5);
    const trusts = Array.from({ length: 300 }, () => {
      const level = s.normal(0, 0.2);
      return Array.from({ length: 20 }, (_, q) => context(q, level + s.normal(0, 0.1) + s.normal(0, 0.15), 0.0225));
    });
    const tau2 = fitTrustQuestionVariance(trusts, 1e-4);
    expect(tau2).toBeGreaterThan(0.01 * 0.8);
    expect(tau2).toBeLessThan(0.01 * 1.2);
  });
});
