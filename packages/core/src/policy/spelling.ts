import { straighten } from './text.ts';

// The same word spelled the ways English schools spell it: "on-line" and "online", "e-mail" and
// "email", "realize" and "realise". Two wordings that differ only in these are one wording: a
// school whose policy says "on-line" has not worded a duty differently from a trust that says
// "online".

/** Spellings folded to one form (the first, or the replacement), matched as whole words. */
const VARIANTS: [RegExp, string][] = [
  [/\bon[- ]line\b/gi, 'online'],
  [/\be-mail(s|ed|ing)?\b/gi, 'email$1'],
  [/\blog-?in(s)?\b/gi, 'login$1'],
  [/\blog-?on(s)?\b/gi, 'logon$1'],
  [/\blog-?off\b/gi, 'logoff'],
  [/\buser-?name(s)?\b/gi, 'username$1'],
  [/\bpass-word(s)?\b/gi, 'password$1'],
  [/\bup-load(s|ed|ing)?\b/gi, 'upload$1'],
  [/\bdown-load(s|ed|ing)?\b/gi, 'download$1'],
  [/\bweb[- ]site(s)?\b/gi, 'website$1'],
  [/\bweb-?page(s)?\b/gi, 'webpage$1'],
  [/\banti-?virus\b/gi, 'antivirus'],
  [/\be-?safety\b/gi, 'e-safety'],
  [/\bsmart-?phone(s)?\b/gi, 'smartphone$1'],
  [/\bsmart-?watch(es)?\b/gi, 'smartwatch$1'],
  [/\bi-?pad(s)?\b/gi, 'iPad$1'],
  [/\bco-?ordinat(e|es|ed|ing|or|ors|ion)\b/gi, 'coordinat$1'],
  [/\bhead-?teacher(s)?\b/gi, 'headteacher$1'],
  [/\bprogram(s)?\b/gi, 'programme$1'],
  [/\blicens(e|es|ed|ing)\b/gi, 'licenc$1'],
  [/\bjudgment(s)?\b/gi, 'judgement$1'],
  [/\benroll(s|ment)?\b/gi, 'enrol$1'],
  [/\b(colo|behavio|favo|hono|labo|neighbo)r(s|ed|ing|able)?\b/gi, '$1ur$2'],
  [/\b(cent|theat)er(s)?\b/gi, '$1re$2'],
  [/\b(analy|paraly|cataly)z(e|es|ed|ing)\b/gi, '$1s$2'],
];

/** -ize/-ise: everything but the words where only "z" is right. */
const IZE = /\b([a-z]{2,})iz(e|es|ed|ing|ation|ations|er|ers)\b/gi;
const ONLY_Z = new Set(['s', 'se', 'pr', 'caps', 'res', 'downs', 'ups', 'overs', 'ma', 'bapt']);

/** Keeps a replacement's first letter in the case the text had ("On-Line" → "Online"). */
function keepCase(found: string, replacement: string): string {
  const first = found.charAt(0);
  return first === first.toUpperCase() && first !== first.toLowerCase()
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;
}

/** Folds spelling variants to one form, keeping everything else (case included) as written. */
export function foldSpelling(text: string): string {
  let out = text;
  for (const [pattern, replacement] of VARIANTS)
    out = out.replace(pattern, (found, ...groups) => {
      const filled = replacement.replace(/\$(\d)/g, (_m, n: string) => String(groups[Number(n) - 1] ?? ''));
      return keepCase(found, filled);
    });
  return out.replace(IZE, (found, stem: string, ending: string) =>
    ONLY_Z.has(stem.toLowerCase()) ? found : `${stem}is${ending}`,
  );
}

/** A wording as compared: one kind of quote and dash, single spaces, spellings folded, no final full stop. */
export function comparableWording(text: string): string {
  return foldSpelling(straighten(text))
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*\.$/, '');
}

/**
 * Whether wording `a` opens by saying all of `b` (spelling aside) and then says more: "I will not
 * engage in on-line activity that may compromise my responsibilities or the school's reputation.
 * This includes…" repeats "I will not engage in online activity that may compromise my
 * responsibilities." Equal wordings repeat each other.
 */
export function repeatsWording(a: string, b: string): boolean {
  const x = comparableWording(a).toLowerCase();
  const y = comparableWording(b).toLowerCase();
  if (y.length === 0) return false;
  return x === y || (x.startsWith(y) && /^(?:[,.;:]|\s+(?:or|and)\s)/.test(x.slice(y.length)));
}

/**
 * Whether two wordings say the same in the same words: they may differ in spelling variants
 * ("on-line"/"online", "e-mail"/"email", "realize"/"realise"), curly or straight quotes, dashes,
 * spacing and a final full stop, and in nothing else.
 */
export function sameWording(a: string, b: string): boolean {
  return comparableWording(a) === comparableWording(b);
}
