import type { ParsedPolicy } from './types.ts';

const SCHOOL_WORD = /^(school|academy|college)$/i;
// Words a school's name may contain between its proper nouns ("St Peter's CE Primary School").
const NAME_JOINERS = new Set(['of', 'and', '&', 'the', 'c', 'e', 'st', 'st.', 'saint']);
const TYPE_WORDS = new Set([
  'primary',
  'infant',
  'infants',
  'junior',
  'nursery',
  'secondary',
  'high',
  'grammar',
  'middle',
  'first',
  'community',
  'free',
  'ce',
  'c',
  'of',
  'e',
  'rc',
  'catholic',
  'methodist',
  'church',
  'england',
  'voluntary',
  'aided',
  'controlled',
]);
const NOT_NAMES = new Set([
  'the',
  'this',
  'our',
  'your',
  'staff',
  'all',
  'trust',
  'policy',
  'a',
  'an',
  'each',
]);

function isNameWord(word: string): boolean {
  return /^[A-Z][\w’'.-]*$/.test(word) || NAME_JOINERS.has(word.toLowerCase());
}

/** "St Michael's Infant School" → also "St Michael's"; the short form is how clauses mention it. */
function withShortForm(name: string): string[] {
  const words = name.split(/\s+/);
  let end = words.length - 1; // drop "School"
  while (end > 0 && TYPE_WORDS.has((words[end - 1] ?? '').toLowerCase())) end -= 1;
  const short = words.slice(0, end).join(' ');
  return short.length > 2 && short !== name ? [name, short] : [name];
}

/** Names of the school found in a policy's title, metadata and preamble, longest first. */
export function schoolNamesOf(policy: ParsedPolicy): string[] {
  const sources = [policy.title ?? '', ...Object.values(policy.metadata), ...policy.intro.slice(0, 3)];
  const names = new Set<string>();
  for (const source of sources) {
    const words = source.split(/\s+/).filter((w) => w.length > 0);
    words.forEach((word, i) => {
      if (!SCHOOL_WORD.test(word.replace(/[^\w]/g, ''))) return;
      let start = i;
      while (start > 0 && isNameWord(words[start - 1] ?? '')) start -= 1;
      while (start < i && NAME_JOINERS.has((words[start] ?? '').toLowerCase())) {
        if ((words[start] ?? '').toLowerCase().startsWith('st')) break;
        start += 1;
      }
      const parts = words.slice(start, i + 1).map((w) => w.replace(/^[("'“‘]+|[,;:.()"'”’]+$/g, ''));
      const proper = parts.filter(
        (w) => !TYPE_WORDS.has(w.toLowerCase()) && !SCHOOL_WORD.test(w) && !NAME_JOINERS.has(w.toLowerCase()),
      );
      if (proper.length === 0 || proper.some((w) => !/^[A-Z]/.test(w))) return;
      if (proper.every((w) => NOT_NAMES.has(w.toLowerCase()))) return;
      while (parts.length > 1 && NOT_NAMES.has((parts[0] ?? '').toLowerCase())) parts.shift();
      for (const form of withShortForm(parts.join(' '))) names.add(form);
    });
  }
  // Metadata "Source: St Michael's" names the school without the word "school".
  const source = policy.metadata['source'] ?? policy.metadata['school'];
  if (source && /^[A-Z]/.test(source) && source.split(/\s+/).length <= 6) names.add(source);
  return [...names].sort((a, b) => b.length - a.length);
}
