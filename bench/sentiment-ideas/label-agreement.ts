/**
 * How far the FFT labels agree with themselves: answers given more than once to the same kind of prompt
 * ("Nothing." to "Why?") should carry one label. The share that does not is a ceiling no text model can pass
 * on those rows, and it shows which class the labellers disagree on.
 */
import { textKey } from '../../src/domain/text/normalise.js';
import type { CvRows } from './cv-rows.js';

export function labelAgreementLine(cv: CvRows): string {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < cv.fftCount; i++) {
    const key = `${cv.analyses[i]?.question}|${textKey(cv.fft[i]?.text ?? '')}`;
    const counts = groups.get(key) ?? [0, 0, 0];
    counts[cv.labels[i] as number] = (counts[cv.labels[i] as number] as number) + 1;
    groups.set(key, counts);
  }
  let repeated = 0;
  let rows = 0;
  let majority = 0;
  let neutral = 0;
  let neutralInNeutralMajority = 0;
  for (const counts of groups.values()) {
    const n = counts.reduce((a, b) => a + b, 0);
    if (n < 2) continue;
    const top = Math.max(...counts);
    repeated++;
    rows += n;
    majority += top;
    neutral += counts[1] as number;
    if ((counts[1] as number) === top) neutralInNeutralMajority += counts[1] as number;
  }
  return (
    `FFT answers repeated under the same prompt kind: ${rows} rows in ${repeated} groups; the majority label ` +
    `covers ${((100 * majority) / rows).toFixed(1)}% of them; ${neutral} are neutral/mixed, ` +
    `${neutralInNeutralMajority} of those in groups where neutral/mixed is the majority`
  );
}
