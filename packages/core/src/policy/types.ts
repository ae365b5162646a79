/** One clause of an imported policy; nested rules stay under the clause that introduces them. */
export interface ParsedClause {
  text: string;
  children: ParsedClause[];
}

/** A run of clauses under one heading; `heading` is null where the policy has none. */
export interface ParsedSection {
  heading: string | null;
  clauses: ParsedClause[];
}

/** What a signer agrees to, and the blanks they fill in (normalised keys such as `fullName`). */
export interface ParsedSignature {
  statements: string[];
  fields: string[];
}

export interface ParsedPolicy {
  title: string | null;
  /** Keys in camelCase (`created`, `author`, `modifiedBy`, `nextReview`, `reviewCycle`, `source`, …). */
  metadata: Record<string, string>;
  /** Preamble paragraphs: context for the reader, not clauses anyone signs. */
  intro: string[];
  sections: ParsedSection[];
  signature: ParsedSignature;
}

/** Points at a top-level clause: `sections[section].clauses[index]` of `file`'s parse. */
export interface ClauseRef {
  file: string;
  section: number;
  index: number;
}

export interface ClauseGroup {
  members: ClauseRef[];
  /** Trust-wide first-person wording with `{{school.*}}` variables where schools differ. */
  proposal: string;
}

export interface ConsolidationResult {
  groups: ClauseGroup[];
  unique: ClauseRef[];
}

export interface PolicyDocument {
  file: string;
  parsed: ParsedPolicy;
}
