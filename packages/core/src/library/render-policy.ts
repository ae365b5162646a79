import { renderTemplate, type SchoolForRendering } from './variables.ts';

// A policy rendered for one school: the snapshot a policy version keeps and staff sign.

export interface ClauseChildTemplate {
  text: string;
  children: ClauseChildTemplate[];
}

/** A clause's wording as it applies to one school (its variant if it has one). */
export interface ClauseWording {
  clauseId: string;
  clauseVersionId: string;
  /** Null: a school-only clause of another school, left out of this school's policy. */
  schoolId: string | null;
  text: string;
  children: ClauseChildTemplate[];
}

export interface PolicyTemplate {
  title: string;
  intro: string[];
  sections: { heading: string | null; clauseIds: string[] }[];
  statements: string[];
  fields: string[];
}

export interface RenderedClause {
  clauseId: string;
  clauseVersionId: string;
  text: string;
  children: ClauseChildTemplate[];
}

export interface RenderedPolicy {
  title: string;
  schoolName: string;
  intro: string[];
  sections: { heading: string | null; clauses: RenderedClause[] }[];
  statements: string[];
  fields: string[];
}

const renderChildren = (children: ClauseChildTemplate[], school: SchoolForRendering): ClauseChildTemplate[] =>
  children.map((c) => ({
    text: renderTemplate(c.text, school),
    children: renderChildren(c.children, school),
  }));

/**
 * Renders a policy for a school from the wordings that apply there. A clause reference with no
 * wording for this school (another school's own clause, or an archived one) is left out; a section
 * left empty is dropped.
 */
export function renderPolicy(
  policy: PolicyTemplate,
  wordings: Map<string, ClauseWording>,
  school: SchoolForRendering & { id: string },
): RenderedPolicy {
  const sections = policy.sections
    .map((section) => ({
      heading: section.heading === null ? null : renderTemplate(section.heading, school),
      clauses: section.clauseIds.flatMap((id): RenderedClause[] => {
        const w = wordings.get(id);
        if (!w || (w.schoolId !== null && w.schoolId !== school.id)) return [];
        return [
          {
            clauseId: id,
            clauseVersionId: w.clauseVersionId,
            text: renderTemplate(w.text, school),
            children: renderChildren(w.children, school),
          },
        ];
      }),
    }))
    .filter((s) => s.clauses.length > 0);
  return {
    title: renderTemplate(policy.title, school),
    schoolName: school.name,
    intro: policy.intro.map((p) => renderTemplate(p, school)),
    sections,
    statements: policy.statements.map((s) => renderTemplate(s, school)),
    fields: policy.fields,
  };
}

const childLines = (children: ClauseChildTemplate[], depth: number): string[] =>
  children.flatMap((c) => [`${'  '.repeat(depth)}- ${c.text}`, ...childLines(c.children, depth + 1)]);

/**
 * The canonical text of a rendered policy: plain UTF-8, LF line ends, NFC, one clause per line,
 * numbered. Its SHA-256 is what a signature records; anyone holding the evidence pack can recompute
 * it. Changing this function changes every future hash: never do it without a new format version.
 */
export function canonicalText(policy: RenderedPolicy): string {
  const lines: string[] = [`attest-policy-v1`, `# ${policy.title}`, `school: ${policy.schoolName}`, ''];
  for (const p of policy.intro) lines.push(p, '');
  let n = 0;
  for (const section of policy.sections) {
    if (section.heading) lines.push(`## ${section.heading}`);
    for (const clause of section.clauses) {
      n++;
      lines.push(`${n}. ${clause.text}`, ...childLines(clause.children, 1));
    }
    lines.push('');
  }
  if (policy.statements.length) {
    lines.push('## Signer agrees');
    for (const s of policy.statements) lines.push(`- ${s}`);
    lines.push('');
  }
  if (policy.fields.length) lines.push(`fields: ${policy.fields.join(', ')}`);
  return `${lines
    .map((l) => l.replace(/\s+$/u, ''))
    .join('\n')
    .normalize('NFC')
    .trim()}\n`;
}

/** Hex SHA-256 with WebCrypto: the same in Workers, Node and browsers. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
