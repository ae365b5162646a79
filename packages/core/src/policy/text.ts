/** Straight quotes and one kind of dash, so "school’s" and "school's" compare equal. */
export function straighten(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/[–—‐‑]/g, '-');
}

/** Trim and collapse every run of whitespace (tabs, no-break spaces, newlines) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `Modified by` → `modifiedBy`, `Full Name (printed)` → `fullNamePrinted`. */
export function toCamelCase(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** True when a line ends a sentence or a lead-in (`.`, `!`, `?`, `:`, `;`), allowing closing quotes. */
export function endsWithTerminal(text: string): boolean {
  return /[.!?:;]["'”’)\]]*\s*$/.test(text);
}

const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'my',
  'our',
  'your',
  'its',
  'their',
]);

/** Share of non-minor words that start with a capital: 1 for "Promoting Safe Use by Learners". */
export function titleCaseRatio(text: string): number {
  const words = text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w) && !MINOR_WORDS.has(w.toLowerCase()));
  if (words.length === 0) return 0;
  const capitalised = words.filter((w) => /^["'“‘(]?[A-Z0-9]/.test(w)).length;
  return capitalised / words.length;
}

/** True when most letters are capitals ("E-SAFETY AND EMAIL"). */
export function isMostlyUpperCase(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return upper / letters.length >= 0.8;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}
