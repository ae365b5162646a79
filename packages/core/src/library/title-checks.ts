import { toFirstPerson } from '../policy/proposal.ts';
import { TITLE_MAX_LENGTH } from './titles.ts';

// For tests (unit and browser): whether a clause's title could mislead a reader. A title misleads
// when it names an action its clause forbids without saying no ("Allow unauthorised individuals
// to access email…" for "I will not allow unauthorised individuals…"), when a prohibition is
// titled as a bare instruction, or when it is visibly cut short.

const NEGATION = /\b(?:not|no|never|nor|none|nothing|nobody|neither)\b|n['’]t\b/i;
const SKIPPED = String.raw`(?:(?:ever|try\s+to|attempt\s+to|deliberately|knowingly|be|to|get)\s+|\([^)]*\)\s*)*`;
const FORBIDS = new RegExp(String.raw`\b(?:not|never)\s+${SKIPPED}([a-z][a-z-]*)`, 'gi');
const FORBIDS_ALL = new RegExp(
  String.raw`\bno\s+[^.]*?\b(?:will|shall|must|should|may)\s+${SKIPPED}([a-z][a-z-]*)`,
  'gi',
);
const AVOIDS = /\bavoid\s+([a-z]+)/gi;
// A lookahead, so that "will not try" yields both "not" and "try".
const MODAL_THEN_WORD = /\b(?:will|shall|must|should|can|may|not|never|only|always)\s+(?=([a-z]+))/gi;
const NOT_VERBS = new Set([
  'be',
  'not',
  'only',
  'always',
  'never',
  'the',
  'a',
  'an',
  'any',
  'all',
  'also',
  'ever',
  'i',
]);
const ENDS_BADLY = new Set(
  'a an the and or nor but of to for in on at by with from into as than that which who if unless without my your their its our any all some is are be will would shall should may might can could must not no never'.split(
    ' ',
  ),
);

const straight = (text: string) => text.replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
const firstWord = (text: string) => (/[A-Za-z']+/.exec(text)?.[0] ?? '').toLowerCase();
const root = (word: string) => word.toLowerCase().replace(/(?:ing|ed|es|s|e)$/, '');

export function hasNegation(text: string): boolean {
  return NEGATION.test(straight(text));
}

/** The actions a clause forbids: "I will not allow…" → allow, "No staff will disclose…" → disclose. */
export function forbiddenActions(clause: string): string[] {
  const text = straight(clause);
  const found = [
    ...[...text.matchAll(FORBIDS)].map((m) => m[1]),
    ...[...text.matchAll(FORBIDS_ALL)].map((m) => m[1]),
    ...[...text.matchAll(AVOIDS)].map((m) => m[1]),
  ];
  return [...new Set(found.map((w) => (w ?? '').toLowerCase()).filter((w) => w && !NOT_VERBS.has(w)))];
}

/** Whether the clause's own first statement forbids something: "I will not…", "Staff must never…". */
export function leadsWithProhibition(clause: string): boolean {
  const first = toFirstPerson(straight(clause).trim()).split(/(?<=[.!?])\s+/)[0] ?? '';
  return (
    /^(?:I|we|you)(?:\s+also)?\s+(?:will|shall|must|should)\s+(?:not|never)\b/i.test(first) ||
    /^(?:no\s|do\s+not\b|don't\b|never\b)/i.test(first)
  );
}

/** Words used as verbs in these clauses (after "will", "must", "not" …): a title starting with one is an instruction. */
export function verbLexicon(clauses: string[]): Set<string> {
  const verbs = new Set<string>();
  for (const clause of clauses)
    for (const m of straight(clause).matchAll(MODAL_THEN_WORD)) {
      const word = (m[1] ?? '').toLowerCase();
      if (!NOT_VERBS.has(word)) verbs.add(word);
    }
  return verbs;
}

/**
 * What is wrong with a title for this clause, or null. `verbs` (see verbLexicon) tells an
 * instruction ("Open any attachments…") from a named duty ("Email attachments from strangers").
 */
export function titleProblem(title: string, clause: string, verbs: Set<string>): string | null {
  const t = straight(title).trim();
  if (t.length === 0) return 'is empty';
  if (t.length > TITLE_MAX_LENGTH) return `is longer than ${TITLE_MAX_LENGTH} characters`;
  if (/(?:…|\.\.\.)$/.test(t)) return 'ends with "…"';
  // Cut mid-word: the title's last two words appear in the clause only as the start of longer ones.
  const tail = t.split(' ').slice(-2).join(' ').toLowerCase();
  const body = straight(clause).toLowerCase();
  const escaped = tail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`${escaped}[a-z]`).test(body) && !new RegExp(`${escaped}(?![a-z])`).test(body))
    return `is cut in the middle of a word ("${tail}")`;
  const last = (t.split(' ').at(-1) ?? '').toLowerCase().replace(/[^a-z0-9'-]/g, '');
  if (ENDS_BADLY.has(last) || /['’]s$/.test(last)) return `ends on "${last}", as if cut off`;
  if (hasNegation(t)) return null;
  const first = firstWord(t);
  const allowed = forbiddenActions(clause).find((v) => root(v) === root(first));
  if (allowed) return `reads as permission to "${allowed}", which the clause forbids`;
  if (leadsWithProhibition(clause) && (verbs.has(first) || first.endsWith('ing')))
    return 'titles a prohibition as an instruction, without its "not"';
  return null;
}
