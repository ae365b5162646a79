import { NAMED_PATTERNS } from './normalise-clause.ts';
import { collapseWhitespace } from './text.ts';

export interface ProposalCandidate {
  text: string;
  /** The school's names, replaced by `{{school.name}}`. */
  schoolNames: string[];
  /** Scores against the other members of the group. */
  similarity: number[];
}

const SUBJECT_LIST = String.raw`(?:members?\s+of\s+staff|staff(?:\s+members?)?|governors|visitors|volunteers|users|employees|adults|everyone)(?:(?:\s*,\s*|\s+(?:and|or|&)\s+|\s+and\/or\s+)(?:members?\s+of\s+staff|staff|governors|visitors|volunteers|users|employees|adults))*`;
const MODAL = String.raw`(will|must|should|shall|may|can|need\s+to)`;
const VERB = String.raw`(will|must|should|shall|may|can|need\s+to|understand|agree|accept|acknowledge|know|are|have)`;

const FIRST_PERSON_VERB: Record<string, string> = { are: 'am', have: 'have' };

const PRONOUNS: [RegExp, string][] = [
  [/\bthey are\b/gi, 'I am'],
  [/\bthey were\b/gi, 'I was'],
  [/\bthey have\b/gi, 'I have'],
  [/\bthemselves\b/gi, 'myself'],
  [/\btheirs\b/gi, 'mine'],
  [/\btheir\b/gi, 'my'],
  [/\bthem\b/gi, 'me'],
  [/\bthey\b/gi, 'I'],
];

/** Rewrites one sentence addressed to "staff, governors and visitors" as the signer's own promise. */
function sentenceToFirstPerson(sentence: string): string {
  const rules: [RegExp, (...m: string[]) => string][] = [
    [new RegExp(`^no\\s+${SUBJECT_LIST}\\s+${MODAL}\\s+`, 'i'), (_m, modal) => `I ${modal} not `],
    [
      new RegExp(`^(?:all\\s+|every\\s+)?${SUBJECT_LIST}\\s+using\\s+(.+?)\\s+${MODAL}\\s+`, 'i'),
      (_m, what, modal) => `When using ${what}, I ${modal} `,
    ],
    [
      new RegExp(`^(?:all\\s+|every\\s+|each\\s+)?${SUBJECT_LIST}\\s+${VERB}\\b`, 'i'),
      (_m, verb) => `I ${FIRST_PERSON_VERB[(verb ?? '').toLowerCase()] ?? verb}`,
    ],
    [/^if\s+(?:anyone|a\s+member\s+of\s+staff|staff)\s+(?:is|are)\b/i, () => 'If I am'],
  ];
  for (const [pattern, replace] of rules) {
    if (pattern.test(sentence)) {
      let out = sentence.replace(pattern, replace);
      for (const [pronoun, mine] of PRONOUNS) out = out.replace(pronoun, mine);
      return out;
    }
  }
  // "…, staff will report it" inside a sentence.
  const inner = new RegExp(`([,;]\\s+)(?:all\\s+)?${SUBJECT_LIST}\\s+${MODAL}\\b`, 'i');
  if (inner.test(sentence)) return sentence.replace(inner, (_m, lead, modal) => `${lead}I ${modal}`);
  // A fragment under a lead-in ("not disclose my password") becomes a promise.
  if (/^(not|only|never|always|use|keep|report|ensure|respect|follow|comply)\b/.test(sentence)) {
    return `I will ${sentence}`;
  }
  return sentence;
}

/** Converts third-person rules ("All staff, Governors and visitors will …") to "I will …". */
export function toFirstPerson(text: string): string {
  return collapseWhitespace(text)
    .split(/(?<=[.!?])\s+/)
    .map(sentenceToFirstPerson)
    .join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the school's name, head's title, MIS, DSL title and governing body with variables. */
export function templatise(text: string, schoolNames: string[] = []): string {
  let out = text;
  const names = [...schoolNames].filter((n) => n.trim().length > 2).sort((a, b) => b.length - a.length);
  for (const name of names) {
    const pattern = escapeRegExp(name).replace(/['’]/g, "['’]").replace(/\s+/g, '\\s+');
    // "St Michael's Infant school" and "St Michael's school" are the same name in a clause.
    const typeWords = String.raw`(?:\s+(?:C\s+of\s+E|CE|RC|Primary|Infant|Junior|Nursery|Secondary|High|Academy))*(?:\s+(?:school|academy))?`;
    out = out.replace(new RegExp(`(?<![\\w])${pattern}${typeWords}(?![\\w])`, 'gi'), '{{school.name}}');
  }
  for (const { thing, regex } of NAMED_PATTERNS) {
    if (!thing.variable) continue;
    const variable = `{{${thing.variable}}}`;
    out = out.replace(regex, variable);
  }
  return out;
}

/**
 * The wordings a group could take, best first: its members by how representative each is (highest
 * mean similarity to the others, first-person clauses preferred on near ties), each in the first
 * person with schools' differences as `{{school.*}}` variables.
 */
export function rankWordings(members: ProposalCandidate[]): string[] {
  return members
    .map((member, i) => {
      const mean =
        member.similarity.length > 0
          ? member.similarity.reduce((s, x) => s + x, 0) / member.similarity.length
          : 0;
      const firstPerson = /^I\b/.test(member.text) ? 0.05 : 0;
      return { member, i, score: mean + firstPerson };
    })
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ member }) =>
      templatise(asSignersPromise(toFirstPerson(member.text)), member.schoolNames).replace(
        /(?<!\.)\.\.(?!\.)/g,
        '.',
      ),
    );
}

/** One wording for a group: its most representative member (see rankWordings). */
export function proposeWording(members: ProposalCandidate[]): string {
  return rankWordings(members)[0] ?? '';
}

/**
 * A rule with no person in it ("Images of pupils will only be taken…") becomes something the signer
 * affirms: "I understand that images of pupils will only be taken…".
 */
export function asSignersPromise(text: string): string {
  if (/^(I|If I|When using [^,]+, I)\b/.test(text)) return text;
  const first = text.split(/\s+/)[0] ?? '';
  // Lower-case the opening word unless it is an acronym or a name ("ICT", "SIMS", "St").
  const opening =
    /^[A-Z][a-z]/.test(first) && !/^St\.?$/.test(first) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  return `I understand that ${opening}`;
}
