import { foldSpelling } from './spelling.ts';
import { stem } from './stem.ts';
import { straighten } from './text.ts';
import { DUTY_TERMS, type NamedThing, PHRASES, ROLES, STOP_WORDS, SYNONYMS, SYSTEMS } from './vocabulary.ts';

export interface NormalisedClause {
  /** The tokens joined by spaces, for display and debugging. */
  text: string;
  /** Stemmed content words; roles and systems as placeholders (`rolehead`, `sysmis`, …). */
  tokens: string[];
}

export interface NormaliseOptions {
  /** Names the school goes by (from its title or metadata); they carry no duty and are dropped. */
  schoolNames?: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word regexes for each role and system, most specific first. */
export interface NamedPattern {
  thing: NamedThing;
  regex: RegExp;
}

function compile(things: NamedThing[]): NamedPattern[] {
  return things.flatMap((thing) => [
    ...(thing.exactPatterns ?? []).map((p) => ({
      thing,
      regex: new RegExp(`(?<![\\w-])${p}(?![\\w-])`, 'g'),
    })),
    ...thing.patterns.map((p) => ({ thing, regex: new RegExp(`(?<![\\w-])(?:${p})(?![\\w-])`, 'gi') })),
  ]);
}

export const NAMED_PATTERNS: NamedPattern[] = [...compile(SYSTEMS), ...compile(ROLES)];
const PLACEHOLDERS = new Set([...SYSTEMS, ...ROLES].map((thing) => thing.token));

export { straighten } from './text.ts';

/**
 * The people a clause binds, at the start of a sentence: "All staff, Governors and visitors …",
 * "No staff …", "Members of staff …". They differ between schools and say nothing about the duty.
 */
const SUBJECT =
  /(^|[.;:!?]\s+)(?:all\s+|no\s+|every\s+|each\s+|any\s+)?(?:(?:members?\s+of\s+staff|staff(?:\s+members?)?|governors|visitors|volunteers|users|employees|adults|parent\s+helpers|everyone|trainees|contractors|supply\s+staff)(?:\s*,\s*|\s+(?:and|or|&)\s+|\s+and\/or\s+)?)+/gi;

/** The multi-academy trust as an organisation (capitalised); "a position of trust" is left alone. */
const TRUST = /\b(?:Multi-Academy\s+)?Trust(?:'s)?(?![\w-])/g;

/** Replaces the school's own names with nothing (they are not part of any duty). */
export function stripSchoolNames(text: string, schoolNames: string[] = []): string {
  let out = text;
  const names = [...schoolNames].filter((n) => n.trim().length > 2).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const pattern = escapeRegExp(straighten(name)).replace(/\s+/g, '\\s+');
    out = out.replace(new RegExp(`(?<![\\w])${pattern}(?![\\w])`, 'gi'), ' ');
  }
  return out;
}

let dutyStems: Set<string> | null = null;

/** Stemmed duty terms (see `DUTY_TERMS`). */
export function dutyTermStems(): Set<string> {
  dutyStems ??= new Set([...DUTY_TERMS].map((t) => stem(t)));
  return dutyStems;
}

/**
 * Reduces a clause to the words that carry its duty: subject and school names removed, roles and
 * systems replaced by placeholders, synonyms folded, stop-words dropped, words stemmed.
 */
export function normaliseClause(text: string, options: NormaliseOptions = {}): NormalisedClause {
  // "on-line" and "online", "realize" and "realise" are one word (see spelling.ts).
  let t = foldSpelling(straighten(text));
  t = stripSchoolNames(t, (options.schoolNames ?? []).map(straighten));
  t = t.replace(SUBJECT, '$1');
  for (const { thing, regex } of NAMED_PATTERNS) t = t.replace(regex, ` ${thing.token} `);
  // A trust is the school's employer: "the Trust's email account" is "the school's email account".
  t = t.replace(TRUST, ' school ');
  t = t.toLowerCase();
  for (const [pattern, replacement] of PHRASES) t = t.replace(pattern, replacement);
  const tokens: string[] = [];
  for (const raw of t.split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || /^\d+$/.test(raw) || STOP_WORDS.has(raw)) continue;
    const folded = SYNONYMS[raw] ?? raw;
    if (STOP_WORDS.has(folded)) continue;
    const token = PLACEHOLDERS.has(folded) ? folded : stem(folded);
    tokens.push(token);
  }
  return { text: tokens.join(' '), tokens };
}
