import type { RenderedClause, RenderedPolicy } from './render-policy.ts';

// "What changed since you last signed": clause by clause, matched by the library clause behind
// each, so a reworded clause reads as reworded rather than as one removed and one added.

export type ClauseChange =
  | { kind: 'added'; clauseId: string; after: string }
  | { kind: 'removed'; clauseId: string; before: string }
  | { kind: 'reworded'; clauseId: string; before: string; after: string };

export interface VersionDiff {
  changes: ClauseChange[];
  unchanged: number;
  statementsChanged: boolean;
}

const flatten = (p: RenderedPolicy): RenderedClause[] => p.sections.flatMap((s) => s.clauses);
const fullText = (c: RenderedClause): string => {
  const walk = (children: RenderedClause['children']): string[] =>
    children.flatMap((ch) => [ch.text, ...walk(ch.children)]);
  return [c.text, ...walk(c.children)].join('\n');
};

export function diffVersions(before: RenderedPolicy, after: RenderedPolicy): VersionDiff {
  const old = new Map(flatten(before).map((c) => [c.clauseId, c]));
  const changes: ClauseChange[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const clause of flatten(after)) {
    seen.add(clause.clauseId);
    const previous = old.get(clause.clauseId);
    if (!previous) changes.push({ kind: 'added', clauseId: clause.clauseId, after: fullText(clause) });
    else if (fullText(previous) !== fullText(clause))
      changes.push({
        kind: 'reworded',
        clauseId: clause.clauseId,
        before: fullText(previous),
        after: fullText(clause),
      });
    else unchanged++;
  }
  for (const clause of flatten(before)) {
    if (!seen.has(clause.clauseId))
      changes.push({ kind: 'removed', clauseId: clause.clauseId, before: fullText(clause) });
  }
  const statementsChanged = JSON.stringify(before.statements) !== JSON.stringify(after.statements);
  return { changes, unchanged, statementsChanged };
}
