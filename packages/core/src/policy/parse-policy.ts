import {
  isSignatureHeading,
  isSignerStatement,
  parseMetadataLine,
  parseSignatureFieldLine,
} from './policy-fields.ts';
import { type PolicyLine, readLines } from './policy-lines.ts';
import {
  collapseWhitespace,
  endsWithTerminal,
  isMostlyUpperCase,
  titleCaseRatio,
  wordCount,
} from './text.ts';
import type { ParsedClause, ParsedPolicy, ParsedSection } from './types.ts';

type Block =
  | { kind: 'heading'; text: string; strong: boolean; leadIn: boolean }
  | { kind: 'para'; text: string }
  | { kind: 'item'; text: string; indent: number; style: string }
  | { kind: 'meta'; key: string; value: string }
  | { kind: 'fields'; keys: string[] };

// A heading states a topic; a line with a verb like these is a sentence that lost its full stop.
const SENTENCE_VERB =
  /\b(will|must|should|shall|may|can|cannot|can't|won't|need\s+to|is|are|am|was|were|do|does|have|has)\b/i;
const ENDS_WITH_MINOR_WORD = /\b(and|or|the|of|to|with|for|a|an|in|on|by|that|which)$/i;
const INTRO_HEADING =
  /^(introduction|context|purpose|scope|background|aims?|rationale|overview|preamble|foreword|summary)\b/i;
const FIRST_PERSON = /^["'“‘]?I\b/;
const THIRD_PERSON_RULE =
  /^(all|no|every|each)?\s*(members?\s+of\s+staff|staff|governors|visitors|volunteers|users|employees|adults)\b[^.]{0,80}?\b(will|must|shall|should|are\s+(?:not\s+)?(?:to|expected|required))\b/i;

/** 'strong' for capitals, title case or markdown; 'weak' for a short topic line; null for prose. */
function headingStrength(text: string): 'strong' | 'weak' | null {
  const t = collapseWhitespace(text);
  const words = wordCount(t);
  if (words === 0) return null;
  if (t.endsWith(':')) {
    // A lead-in ("When using the internet in my professional capacity:") heads the rules under it.
    const inner = t.slice(0, -1);
    if (words <= 20 && !/[.!?;]\s/.test(inner) && /^["'“‘(]?[A-Z0-9]/.test(t)) return 'weak';
    return null;
  }
  if (FIRST_PERSON.test(t)) return null;
  if (/[.!?;,]["'”’)\]]*$/.test(t)) return null;
  if (!/^["'“‘(]?[A-Z0-9]/.test(t)) return null;
  if (ENDS_WITH_MINOR_WORD.test(t)) return null;
  const upper = isMostlyUpperCase(t);
  const ratio = titleCaseRatio(t);
  const limit = upper || ratio >= 0.9 ? 16 : 12;
  if (words > limit || t.length > 110) return null;
  if (!upper && SENTENCE_VERB.test(t)) return null;
  return upper || ratio >= 0.75 ? 'strong' : 'weak';
}

function cleanText(text: string): string {
  return collapseWhitespace(text.replace(/\*\*|__/g, ''));
}

function cleanHeading(text: string): string {
  return cleanText(text.replace(/^#+\s*/, '')).replace(/\s*:$/, '');
}

function isDutyStatement(text: string): boolean {
  return FIRST_PERSON.test(text) || THIRD_PERSON_RULE.test(text);
}

function readTitle(lines: PolicyLine[]): { title: string | null; next: number } {
  let i = 0;
  while (i < lines.length && lines[i]?.kind === 'blank') i += 1;
  const first = lines[i];
  if (first?.kind === 'heading') return { title: cleanHeading(first.text), next: i + 1 };
  const parts: string[] = [];
  while (i < lines.length && parts.length < 3) {
    const line = lines[i];
    if (line?.kind !== 'text' || line.inline) break;
    if (parseMetadataLine(line.raw) || parseSignatureFieldLine(line.raw)) break;
    const text = collapseWhitespace(line.text);
    if (!headingStrength(text) || text.endsWith(':')) break;
    if (parts.length > 0) {
      // A topic heading directly above a list is a section heading, not more of the title.
      const after = lines[i + 1];
      if (INTRO_HEADING.test(text) || isSignatureHeading(text) || after?.kind === 'item') break;
    }
    parts.push(text);
    i += 1;
  }
  return { title: parts.length > 0 ? parts.join(' ') : null, next: i };
}

function buildBlocks(lines: PolicyLine[]): Block[] {
  const blocks: Block[] = [];
  // The block a wrapped line may continue; closed by blank lines, headings and form rows.
  let open: (Block & { kind: 'para' | 'item' }) | null = null;
  let openLast = '';
  let seenItem = false;
  for (const line of lines) {
    if (line.kind === 'blank') {
      open = null;
      continue;
    }
    if (line.kind === 'heading') {
      blocks.push({ kind: 'heading', text: cleanHeading(line.text), strong: true, leadIn: false });
      open = null;
      continue;
    }
    if (line.kind === 'item') {
      seenItem = true;
      const block: Block & { kind: 'item' } = {
        kind: 'item',
        text: line.text,
        indent: line.indent,
        style: line.style,
      };
      blocks.push(block);
      open = block;
      openLast = line.text;
      continue;
    }
    const text = collapseWhitespace(line.text);
    if (!line.inline && !seenItem) {
      const meta = parseMetadataLine(line.raw);
      if (meta) {
        blocks.push({ kind: 'meta', ...meta });
        open = null;
        continue;
      }
    }
    const fields = line.inline ? null : parseSignatureFieldLine(line.raw);
    if (fields) {
      blocks.push({ kind: 'fields', keys: fields });
      open = null;
      continue;
    }
    const strength = headingStrength(text);
    if (open && !line.inline) {
      const lowerStart = /^[a-z(]/.test(text);
      if (lowerStart || (!endsWithTerminal(openLast) && strength !== 'strong')) {
        open.text = `${open.text} ${text}`;
        openLast = text;
        continue;
      }
    }
    if (strength) {
      blocks.push({
        kind: 'heading',
        text: cleanHeading(text),
        strong: strength === 'strong',
        leadIn: text.endsWith(':'),
      });
      open = null;
      continue;
    }
    const para: Block & { kind: 'para' } = { kind: 'para', text };
    blocks.push(para);
    open = para;
    openLast = text;
  }
  return blocks;
}

/** Index where the signature block starts: its heading, or the form rows and the statements above them. */
function signatureStart(blocks: Block[]): number {
  // A "Signature" heading opens the block only if form rows follow it or it is near the end; a
  // section about signing documents off in the middle of a policy is not the block.
  const heading = blocks.findIndex(
    (b, i) =>
      b.kind === 'heading' &&
      isSignatureHeading(b.text) &&
      (blocks.slice(i + 1).some((after) => after.kind === 'fields') ||
        blocks.slice(i + 1).filter((after) => after.kind === 'item' || after.kind === 'para').length <= 6),
  );
  let fields = blocks.findIndex((b) => b.kind === 'fields');
  if (fields >= 0) {
    let steps = 0;
    while (steps < 3) {
      const previous = blocks[fields - 1];
      if (previous?.kind !== 'para' || !isSignerStatement(previous.text)) break;
      fields -= 1;
      steps += 1;
    }
  }
  const candidates = [heading, fields].filter((i) => i >= 0);
  return candidates.length > 0 ? Math.min(...candidates) : blocks.length;
}

interface StackEntry {
  indent: number;
  style: string;
  clause: ParsedClause;
}

/** Places list items by indentation and marker style, so `a)` under `1.` and `o` under `•` nest. */
class ClauseTree {
  readonly clauses: ParsedClause[] = [];
  private stack: StackEntry[] = [];

  reset(): void {
    this.stack = [];
  }

  addTopLevel(text: string): void {
    this.clauses.push({ text, children: [] });
    this.reset();
  }

  addItem(text: string, indent: number, style: string): void {
    const clause: ParsedClause = { text, children: [] };
    while (this.stack.length > 0 && (this.stack.at(-1)?.indent ?? 0) > indent) this.stack.pop();
    const top = this.stack.at(-1);
    if (top && top.indent === indent) {
      if (top.style !== style && !this.stack.some((e) => e.indent === indent && e.style === style)) {
        // A new marker style at the same indent opens a deeper level.
        top.clause.children.push(clause);
        this.stack.push({ indent, style, clause });
        return;
      }
      while (this.stack.length > 0) {
        const entry = this.stack.pop();
        if (entry?.indent === indent && entry.style === style) break;
      }
    }
    const parent = this.stack.at(-1);
    if (parent) parent.clause.children.push(clause);
    else this.clauses.push(clause);
    this.stack.push({ indent, style, clause });
  }
}

/**
 * Word exports sometimes push a bullet one space right at random. When a list opens one space in
 * from the document's leftmost bullet, single spaces are noise and only wider steps mean nesting.
 */
function indentQuantum(blocks: Block[]): number {
  const items = blocks.filter((b): b is Block & { kind: 'item' } => b.kind === 'item');
  if (items.length === 0) return 1;
  const min = Math.min(...items.map((b) => b.indent));
  const noisy = blocks.some(
    (b, i) => b.kind === 'item' && b.indent === min + 1 && blocks[i - 1]?.kind !== 'item',
  );
  return noisy ? 2 : 1;
}

function flattenClause(clause: ParsedClause): string[] {
  return [clause.text, ...clause.children.flatMap(flattenClause)];
}

/** Parses a policy exported to plain text (or markdown) into title, metadata, intro, sections and signature. */
export function parsePolicy(text: string): ParsedPolicy {
  const lines = readLines(text);
  const { title, next } = readTitle(lines);
  const blocks = buildBlocks(lines.slice(next));
  const sigAt = signatureStart(blocks);
  const main = blocks.slice(0, sigAt);
  const tail = blocks.slice(sigAt);

  const metadata: Record<string, string> = {};
  const intro: string[] = [];
  const sections: ParsedSection[] = [];
  const quantum = indentQuantum(main);

  // For each block: does a later, non-introductory heading lead to clauses? Then the list under
  // "Introduction" is part of the preamble ("This agreement is intended to ensure that: • …").
  const laterRealSection: boolean[] = new Array(main.length).fill(false);
  let seenReal = false;
  let contentBelow = false;
  for (let i = main.length - 1; i >= 0; i -= 1) {
    laterRealSection[i] = seenReal;
    const b = main[i];
    if (b?.kind === 'item' || b?.kind === 'para') contentBelow = true;
    if (b?.kind === 'heading') {
      if (contentBelow && !INTRO_HEADING.test(b.text)) seenReal = true;
      contentBelow = false;
    }
  }

  let inBody = false;
  let heading: string | null = null;
  let headingIsIntro = false;
  let tree = new ClauseTree();
  const openSection = (name: string | null) => {
    tree = new ClauseTree();
    sections.push({ heading: name, clauses: tree.clauses });
  };

  main.forEach((block, i) => {
    if (block.kind === 'meta') {
      if (!(block.key in metadata)) metadata[block.key] = block.value;
      return;
    }
    if (block.kind === 'fields') return;
    if (block.kind === 'heading') {
      // "This agreement is intended to ensure that:" under "Introduction" introduces, not heads.
      if (!inBody && headingIsIntro && block.leadIn) {
        intro.push(cleanText(`${block.text}:`));
        return;
      }
      if (inBody) openSection(block.text);
      else {
        headingIsIntro = INTRO_HEADING.test(block.text);
        heading = headingIsIntro ? null : block.text;
      }
      return;
    }
    const text = cleanText(block.text);
    if (!inBody) {
      const preambleList = headingIsIntro && laterRealSection[i] === true;
      const startsBody = block.kind === 'item' ? !preambleList : !preambleList && isDutyStatement(text);
      if (!startsBody) {
        intro.push(text);
        return;
      }
      inBody = true;
      openSection(heading);
    }
    if (block.kind === 'item') tree.addItem(text, Math.floor(block.indent / quantum), block.style);
    else tree.addTopLevel(text);
  });

  const statements: string[] = [];
  const fields: string[] = [];
  for (const block of tail) {
    if (block.kind === 'fields') {
      for (const key of block.keys) if (!fields.includes(key)) fields.push(key);
    } else if (block.kind === 'item' || block.kind === 'para') {
      statements.push(cleanText(block.text));
    }
  }

  return {
    title,
    metadata,
    intro,
    sections: sections.flatMap(splitNumberedHeadings).filter((s) => s.clauses.length > 0),
    signature: { statements, fields },
  };
}

/**
 * "1. Email" over "1.1 I will…", "1.2 I will…": a numbered item that reads as a heading and holds
 * the rules is a section, so that its rules are clauses of their own rather than one clause.
 */
function splitNumberedHeadings(section: ParsedSection): ParsedSection[] {
  // "I will lock my screen when:" over "a) …" is a clause with its cases, not a heading.
  const isHeading = (c: ParsedClause) =>
    c.children.length > 0 && !FIRST_PERSON.test(c.text) && headingStrength(c.text) !== null;
  if (!section.clauses.some(isHeading)) return [section];
  const out: ParsedSection[] = [];
  let current: ParsedSection = { heading: section.heading, clauses: [] };
  for (const clause of section.clauses) {
    if (isHeading(clause)) {
      if (current.clauses.length > 0) out.push(current);
      out.push({ heading: cleanHeading(clause.text), clauses: clause.children });
      current = { heading: section.heading, clauses: [] };
    } else {
      current.clauses.push(clause);
    }
  }
  if (current.clauses.length > 0) out.push(current);
  return out;
}

/** Every clause text of a parse, children after their parent, in document order. */
export function allClauseTexts(policy: ParsedPolicy): string[] {
  return policy.sections.flatMap((s) => s.clauses.flatMap(flattenClause));
}
