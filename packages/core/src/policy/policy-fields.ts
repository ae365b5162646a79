import { collapseWhitespace, toCamelCase, wordCount } from './text.ts';

const METADATA_KEYS: [RegExp, string][] = [
  [/^(date\s+)?created$|^creation\s+date$|^date\s+of\s+creation$/, 'created'],
  [/^(author|authors|written\s+by|prepared\s+by|drafted\s+by)$/, 'author'],
  [/^(modified|amended|updated|revised|edited)\s+by$/, 'modifiedBy'],
  [
    /^(last\s+)?(modified|amended|updated|revised)(\s+on)?$|^date\s+(last\s+)?(modified|amended|updated|revised)$/,
    'modified',
  ],
  [
    /^next\s+review(ed)?(\s+(date|due))?$|^review\s+(date|due)$|^(date\s+of\s+)?next\s+review$|^to\s+be\s+reviewed$/,
    'nextReview',
  ],
  [/^last\s+review(ed)?(\s+date)?$|^date\s+(last\s+)?reviewed$/, 'lastReviewed'],
  [/^review\s+(cycle|frequency|period|interval)$|^reviewed$/, 'reviewCycle'],
  [/^(approved|ratified|adopted|agreed)\s+by$/, 'approvedBy'],
  [
    /^(date\s+)?(approved|ratified|adopted|agreed)(\s+on)?$|^date\s+of\s+(approval|adoption|ratification)$/,
    'approved',
  ],
  [/^(policy\s+)?owner$|^responsible\s+(person|officer)$/, 'owner'],
  [/^source$/, 'source'],
  [/^version(\s+(no|number))?\.?$/, 'version'],
  [/^status$/, 'status'],
  [/^date$/, 'date'],
];

/** Maps a metadata label to its camelCase key; `known` is false for labels we only camelCase. */
export function metadataKey(label: string): { key: string; known: boolean } {
  const plain = collapseWhitespace(label.toLowerCase().replace(/[:*_]+/g, ' '));
  for (const [pattern, key] of METADATA_KEYS) {
    if (pattern.test(plain)) return { key, known: true };
  }
  return { key: toCamelCase(plain), known: false };
}

const REVIEW_SENTENCE =
  /^(?:this\s+)?(?:policy|agreement|document|code(?:\s+of\s+conduct)?)\s+(?:will|is\s+to|shall|should)\s+be\s+reviewed\s+(annually|bi-?annually|biennially|termly|yearly|every\s+(?:year|term|\w+\s+(?:years|months|terms)))\b[^.]*\.?$/i;

/**
 * A metadata line of the preamble: `Key<TAB>Value`, `| Key | Value |`, `Known key: value`, or the
 * sentence "This policy will be reviewed annually." (a review cycle stated in prose).
 */
export function parseMetadataLine(rawLine: string): { key: string; value: string } | null {
  const line = rawLine.trim();
  if (line.length === 0) return null;
  const review = REVIEW_SENTENCE.exec(line);
  if (review?.[1] && wordCount(line) <= 14) return { key: 'reviewCycle', value: review[1] };

  let cells: string[] | null = null;
  let structured = false;
  if (line.startsWith('|') && line.endsWith('|')) {
    cells = line
      .slice(1, -1)
      .split('|')
      .map((c) => collapseWhitespace(c));
    structured = true;
  } else if (line.includes('\t')) {
    cells = line.split(/\t+/).map((c) => collapseWhitespace(c));
    structured = true;
  } else {
    const colon = /^([A-Za-z][A-Za-z ]{1,40}?)\s*:\s+(\S.*)$/.exec(line);
    if (colon?.[1] && colon[2]) cells = [colon[1], colon[2]];
  }
  if (!cells) return null;
  const nonEmpty = cells.filter((c) => c.length > 0);
  if (nonEmpty.length < 2) return null;
  const [label, ...rest] = nonEmpty;
  if (!label || wordCount(label) > 4 || /[.!?]$/.test(label) || !/^[A-Za-z]/.test(label)) return null;
  const { key, known } = metadataKey(label);
  if (!known && !structured) return null;
  // An unknown label with a sentence beside it is a table of rules, not a metadata table.
  if (!known && wordCount(rest.join(' ')) > 8) return null;
  if (key.length === 0) return null;
  return { key, value: collapseWhitespace(rest.join(' ')) };
}

// Runs of dots, ellipses or underscores are the blanks of a printed form; tabs and wide gaps are cells.
const FILLER_SOURCE = String.raw`(?:\s*[.…_·]){3,}|…+|_{2,}|\t+| {3,}|\|`;
const HAS_FILLER = new RegExp(FILLER_SOURCE);
const FILLER = new RegExp(FILLER_SOURCE, 'g');

// A label alone on its line (a Word table cell exported without its tab) is still a blank.
const BARE_LABEL =
  /^(signature|signed|date|name|full\s+name|print(ed)?\s+name|name\s+in\s+capitals|job\s+title(\s*\/\s*role)?|role|position|designation)$/i;

function signatureFieldKey(label: string): string | null {
  const plain = label.toLowerCase();
  if (
    /^((user|staff|employee|member|your|their)('?s)?\s+)?(signature|signed|sign(\s+here)?)(\s+of\s+.*)?$/.test(
      plain,
    )
  ) {
    return 'signature';
  }
  if (/^(date|dated|date\s+signed|signed\s+on)$/.test(plain)) return 'date';
  if (/\bname\b/.test(plain) && !/\buser\s*name\b/.test(plain)) return 'fullName';
  if (/^print(ed)?$/.test(plain)) return 'fullName';
  if (/\b([ji]ob|post)\b|\btitle\b|\brole\b|\bposition\b|\bdesignation\b/.test(plain)) return 'jobTitle';
  return null;
}

/**
 * The blanks of a signature block on one line: `Signature …… Date ……`, `Full Name (printed)`,
 * `Job title . . .`, `Signed: ____ Print name: ____`, `Signature<TAB>Date`. Returns the normalised
 * keys in order, or null when the line is not a row of form fields.
 */
export function parseSignatureFieldLine(rawLine: string): string[] | null {
  // Trailing tabs stay: an empty table cell after a label ("Job title<TAB>") marks a blank.
  const line = rawLine.replace(/^\s+/, '').replace(/[ \r\n]+$/, '');
  if (line.trim().length === 0 || /^\|?\s*:?-{3,}/.test(line)) return null;
  const structured = HAS_FILLER.test(line) || /:\s*(\S|$)/.test(line);
  const segments = line
    .replace(FILLER, '|')
    .split('|')
    .flatMap((s) => s.split(/:\s*/))
    .map((s) => collapseWhitespace(s.replace(/\([^)]*\)/g, ' ')))
    .filter((s) => /[A-Za-z]/.test(s));
  if (segments.length === 0) return null;
  const keys: string[] = [];
  let known = 0;
  for (const segment of segments) {
    if (wordCount(segment) > 4 || /[.!?;,]$/.test(segment)) return null;
    const key = signatureFieldKey(segment);
    if (key) known += 1;
    const finalKey = key ?? toCamelCase(segment);
    if (finalKey.length > 0 && !keys.includes(finalKey)) keys.push(finalKey);
  }
  if (known === 0) return null;
  if (!structured && !(segments.length === 1 && known === 1 && BARE_LABEL.test(line.trim()))) {
    return null;
  }
  // A lone unknown word next to a known label ("Date February 2019") is a value, not a blank.
  if (keys.length > known && !structured) return null;
  return keys;
}

/** Headings that open the signature block ("User Signature", "Declaration", "Sign below"). */
export function isSignatureHeading(text: string): boolean {
  if (/\be-?mail\s+signatures?\b/i.test(text)) return false;
  return SIGNATURE_HEADING.test(text);
}

const SIGNATURE_HEADING =
  /\b(signature|signatures|declaration|sign\s+below|sign\s+here|sign\s+and\s+return|please\s+sign|signed\s+agreement|sign-off)\b/i;

/** Sentences a signer affirms when they stand just above the blanks without a heading. */
export function isSignerStatement(text: string): boolean {
  return /^(I|We)\s+(have\s+read|agree|confirm|acknowledge|accept|declare|understand\s+and\s+agree)\b/i.test(
    text,
  );
}
