/**
 * Synthetic file-source drops for the reliability cases: plain good records, and a hostile drop of
 * malformed records (each with the quarantine code it must get) mixed with good ones that carry
 * planted personal data and injection attempts. Every text here is made up.
 */

const PLACES = ['chemotherapy unit', 'breast clinic', 'radiotherapy suite', 'haematology ward', 'day unit'];
const VERDICTS = ['kind and clear', 'slow to call back', 'calm and thorough', 'hard to reach by phone', 'brilliant'];

/** A distinct, ordinary comment for record `n`. */
export function goodText(n: number): string {
  return `Visit ${n}: the ${PLACES[n % PLACES.length]} staff were ${VERDICTS[(n * 7) % VERDICTS.length]}, and my appointment number ${n} ran ${n % 3 === 0 ? 'late' : 'on time'}.`;
}

/** JSON Lines of `count` good records with ids `<prefix>-<n>`. */
export function goodLines(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    JSON.stringify({ id: `${prefix}-${n}`, text: goodText(n), postedAt: '2026-03-04T10:00:00Z', odsCode: 'RBV' }),
  );
}

/** Personal data planted in the hostile drop, as it must never appear in an export. */
export const PLANTED = {
  emails: ['jo.bloggs.cvrel@example.org', 'sam.q.patient@example.net'],
  phones: ['07700 900462', '+44 7700 900871', '020 7946 0123'],
  nhsNumbers: ['943 476 5919', '9434765870'],
  handles: ['@jo_bloggs_cvrel', 'sam_q_patient_cvrel'],
} as const;

/** Byte patterns a scan looks for: each planted value and its digits-only form. */
export function plantedNeedles(): string[] {
  const digits = [...PLANTED.phones, ...PLANTED.nhsNumbers].map((p) => p.replace(/\D/g, '').slice(-9));
  return [...PLANTED.emails, ...PLANTED.phones, ...PLANTED.nhsNumbers, ...PLANTED.handles, ...digits];
}

export interface HostileDrop {
  /** The file's bytes (invalid UTF-8 cannot travel as a JS string). */
  bytes: Buffer;
  goodIds: string[];
  /** `<file>:<line>` → expected quarantine code, for every malformed record. */
  expected: Map<string, string>;
}

type Line = { bytes: Buffer; good?: string; code?: string };

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/** One malformed record of kind `n % 14`, unique by `n`. */
function malformed(n: number): Line {
  const id = `bad-${n}`;
  switch (n % 14) {
    case 0:
      return { bytes: Buffer.from(`{"id": "${id}", "text": "cut off`), code: 'invalid_json' };
    case 1:
      return { bytes: json([id, 'an array']), code: 'not_an_object' };
    case 2:
      return { bytes: json({ id, question: 'What was good?' }), code: 'missing_text' };
    case 3:
      return { bytes: json({ text: `no id here ${n}` }), code: 'missing_id' };
    case 4:
      return { bytes: json({ id, text: n }), code: 'wrong_type' };
    case 5:
      return { bytes: json({ id: { $ne: null }, text: `operator injection ${n}` }), code: 'wrong_type' };
    case 6:
      return { bytes: json({ id, text: '   \t ' }), code: 'empty_text' };
    case 7:
      return { bytes: json({ id, text: 'The ward was clean.', postedAt: 'last Tuesday' }), code: 'invalid_date' };
    case 8:
      return { bytes: json({ id, text: 'Fine.', odsCode: '<script>alert(1)</script>' }), code: 'invalid_ods_code' };
    case 9:
      // A lone continuation byte and an overlong form inside a JSON string.
      return {
        bytes: Buffer.concat([
          Buffer.from(`{"id": "${id}", "text": "bad `),
          Buffer.from([0xc0, 0xaf, 0xff]),
          Buffer.from('"}'),
        ]),
        code: 'invalid_utf8',
      };
    case 10:
      // Raw control characters are not allowed inside JSON strings.
      return { bytes: Buffer.from(`{"id": "${id}", "text": "bell\u0007 and escape\u001b[2J"}`), code: 'invalid_json' };
    case 11:
      return { bytes: json({ id: `${id}-${'x'.repeat(600)}`, text: 'A long id.' }), code: 'id_too_long' };
    case 12:
      // A wrong type that also carries personal data: quarantined, and still never exported.
      return {
        bytes: json({ id, text: [`email ${PLANTED.emails[1]} or ring ${PLANTED.phones[1]}`] }),
        code: 'wrong_type',
      };
    default:
      return { bytes: json({ id, text: 'Deleted?', deleted: 'maybe' }), code: 'wrong_type' };
  }
}

/** Good records that a careless pipeline could mishandle: PII, markup, escaped control characters. */
function tricky(n: number): Line {
  const id = `good-tricky-${n}`;
  const texts = [
    `Email me at ${PLANTED.emails[0]} or ring ${PLANTED.phones[0]}: the chemo day unit was ${VERDICTS[n % 5]} (${n}).`,
    `My NHS number is ${PLANTED.nhsNumbers[n % 2]} and the oncology letters took weeks to arrive, visit ${n}.`,
    `<script>alert("x${n}")</script><b>Radiotherapy</b> staff were <i>kind</i> on visit ${n}.`,
    `Control\u0000characters\u001b[31m and a bell\u0007 in comment ${n}; the nurse rang back quickly.`,
    `Call the office on ${PLANTED.phones[2]} – they lost my scan results twice, visit ${n}.`,
  ];
  return {
    bytes: json({
      id,
      text: texts[n % texts.length],
      author: PLANTED.handles[n % 2],
      postedAt: '2026-03-05',
    }),
    good: id,
  };
}

/**
 * `malformedCount` malformed records, one 10 MB line, and `goodCount` good ones (a fifth of them
 * tricky), interleaved, in one JSON Lines file named `file`.
 */
export function hostileDrop(file: string, malformedCount: number, goodCount: number): HostileDrop {
  const lines: Line[] = [];
  let good = 0;
  const every = Math.max(1, Math.floor(malformedCount / Math.max(1, goodCount)));
  for (let n = 0; n < malformedCount; n++) {
    if (n === Math.floor(malformedCount / 2)) {
      lines.push({ bytes: json({ id: 'huge', text: 'a'.repeat(10 * 1024 * 1024) }), code: 'line_too_long' });
    }
    lines.push(malformed(n));
    if (n % every === 0 && good < goodCount) {
      lines.push(
        good % 5 === 0
          ? tricky(good / 5)
          : { bytes: json({ id: `good-${good}`, text: goodText(good) }), good: `good-${good}` },
      );
      good++;
    }
  }
  const goodIds: string[] = [];
  const expected = new Map<string, string>();
  lines.forEach((line, index) => {
    if (line.good) goodIds.push(line.good);
    if (line.code) expected.set(`${file}:${index + 1}`, line.code);
  });
  const bytes = Buffer.concat(lines.flatMap((line) => [line.bytes, Buffer.from('\n')]));
  return { bytes, goodIds, expected };
}
