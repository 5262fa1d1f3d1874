/**
 * One tokenizer for training and serving. It turns raw text into the GLUE SST-2 style the reference data
 * uses (lowercase, punctuation and clitics split off: "Didn't love it!" → "did n't love it !"), so a user's
 * raw sentence and a training row produce the same tokens.
 */
const QUOTES = /[\u2018\u2019\u201B\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u2033]/g;
const PUNCT = /([.,!?;:()"[\]{}]|--|\.\.\.)/g;
const NEGATED_CLITIC = /(\w)n't\b/g;
const CLITICS = /(\w)('s|'re|'ve|'ll|'d|'m)\b/g;

/** Lowercases, normalizes Unicode and quotes, and splits punctuation and clitics from words. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(NEGATED_CLITIC, "$1 n't")
    .replace(CLITICS, '$1 $2')
    .replace(PUNCT, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits normalized text into tokens. */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(' ') : [];
}

const NEGATIONS = new Set([
  'not',
  "n't",
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nor',
  'neither',
  'without',
  'hardly',
  'barely',
]);
const CLAUSE_END = /^[.,!?;:]$/;

/** Marks tokens after a negation word up to the end of the clause ("not good ." → "not NOT_good ."). */
export function markNegation(tokens: readonly string[]): string[] {
  let negated = false;
  return tokens.map((token) => {
    if (CLAUSE_END.test(token)) {
      negated = false;
      return token;
    }
    const out = negated ? `NOT_${token}` : token;
    if (NEGATIONS.has(token)) negated = true;
    return out;
  });
}
