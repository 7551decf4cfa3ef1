export { normaliseText, normaliseTypography, textKey } from './normalise.js';
export { classifyQuestion } from './question-kind.js';
export { splitSentences } from './split-sentences.js';
export { isPunctuationToken, tokenise } from './tokenise.js';
