import type { ClauseChild } from './types';

/*
 * Clause wording as people write it: `{{school.head_title}}` placeholders that each school fills
 * in, and nested rules typed one per line.
 */

/** The variables a clause may use, with what each becomes at a school (the school page's names). */
export const clauseVariables = [
  {
    token: '{{school.name}}',
    name: 'school.name',
    label: 'School’s name',
    example: 'Moorthorpe Primary School',
  },
  {
    token: '{{school.head_title}}',
    name: 'school.head_title',
    label: 'Head’s title',
    example: 'Headteacher',
  },
  { token: '{{school.mis}}', name: 'school.mis', label: 'MIS', example: 'Arbor' },
  {
    token: '{{school.dsl_title}}',
    name: 'school.dsl_title',
    label: 'DSL’s title',
    example: 'Designated Safeguarding Lead',
  },
  {
    token: '{{school.online_safety_lead}}',
    name: 'school.online_safety_lead',
    label: 'Online-safety lead',
    example: 'Computing Lead',
  },
  {
    token: '{{school.governing_body}}',
    name: 'school.governing_body',
    label: 'Governing body',
    example: 'Governing Board',
  },
] as const;

const variableLabels = new Map<string, string>(clauseVariables.map((v) => [v.name, v.label]));

export type ClauseSegment =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; label: string | null; raw: string };

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Splits wording into plain text and variables (`label` null: a variable we do not know). */
export function clauseSegments(text: string): ClauseSegment[] {
  const out: ClauseSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(placeholder)) {
    const at = match.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    const name = match[1] ?? '';
    out.push({ kind: 'variable', name, label: variableLabels.get(name) ?? null, raw: match[0] });
    last = at + match[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Variables a wording names that Attest does not know (the API refuses them too). */
export function unknownVariables(text: string): string[] {
  return [
    ...new Set(
      clauseSegments(text).flatMap((s) => (s.kind === 'variable' && s.label === null ? [s.raw] : [])),
    ),
  ];
}

/**
 * Nested rules typed one per line: a line starting with spaces or a tab goes under the rule above
 * it (two levels, as real policies use: "-" then "o"). Bullets people paste ("-", "•", "o") are
 * dropped.
 */
export function parseRules(text: string): ClauseChild[] {
  const rules: ClauseChild[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!raw.trim()) continue;
    const nested = /^[ \t]/.test(raw);
    const line = raw
      .trim()
      .replace(/^(?:[-•·*]|o(?=\s))\s*/u, '')
      .trim();
    if (!line) continue;
    const parent = rules[rules.length - 1];
    if (nested && parent) parent.children.push({ text: line, children: [] });
    else rules.push({ text: line, children: [] });
  }
  return rules;
}

/** The other way round, to fill the rules box when editing. */
export function formatRules(children: ClauseChild[] | null | undefined, depth = 0): string {
  return (children ?? [])
    .flatMap((c) => [`${'  '.repeat(depth)}${c.text}`, formatRules(c.children, depth + 1)].filter(Boolean))
    .join('\n');
}

/** Loose data from the API (`any[]`) read as rules. */
export function asRules(value: unknown): ClauseChild[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    item && typeof item === 'object' && typeof (item as { text?: unknown }).text === 'string'
      ? [
          {
            text: (item as { text: string }).text,
            children: asRules((item as { children?: unknown }).children),
          },
        ]
      : [],
  );
}

/** The number of each section's first clause: numbers run on across sections, as in the canonical text. */
export function clauseNumberStarts(sections: readonly { clauses: readonly unknown[] }[]): number[] {
  return sections.reduce<number[]>((acc, _s, i) => {
    const prev = sections[i - 1];
    acc.push(i === 0 ? 1 : (acc[i - 1] ?? 1) + (prev?.clauses.length ?? 0));
    return acc;
  }, []);
}

/** A rendered clause's wording (or '' for anything that is not one). */
export const clauseText = (clause: unknown) =>
  clause && typeof clause === 'object' && typeof (clause as { text?: unknown }).text === 'string'
    ? (clause as { text: string }).text
    : '';
