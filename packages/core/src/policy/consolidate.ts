import { normaliseClause } from './normalise-clause.ts';
import { rankWordings } from './proposal.ts';
import { schoolNamesOf } from './school-names.ts';
import {
  buildModel,
  DEFAULT_SIMILARITY,
  pairScore,
  type SimilarityModel,
  type SimilarityWeights,
  type TermWeights,
} from './similarity.ts';
import { repeatsWording } from './spelling.ts';
import type { ClauseGroup, ClauseRef, ConsolidationResult, ParsedClause, PolicyDocument } from './types.ts';

export interface ConsolidateOptions {
  /** A pair of clauses from different files scoring at least this may be grouped. */
  threshold?: number;
  /**
   * A weaker pair may still be grouped when each clause is the other's best match in its file
   * (mutual best match), if it scores at least this.
   */
  mutualThreshold?: number;
  /** Two groups merge only if their clauses score at least this on average (stops chaining). */
  linkThreshold?: number;
  /** Scoring weights; any left out take their defaults (`DEFAULT_SIMILARITY`). */
  weights?: Partial<SimilarityWeights>;
  /**
   * Let two groups that each hold a clause of one school merge, keeping the clause closer to the
   * merged group (on by default; off only to compare).
   */
  resolveClashes?: boolean;
}

/**
 * Chosen on the five seeds and checked on the held-out policies, where results stay the same for
 * thresholds from 0.25 to 0.35; see docs/adr/0100-clause-matching-without-a-model.md.
 */
export const DEFAULT_THRESHOLD = 0.3;
export const DEFAULT_MUTUAL_THRESHOLD = 0.25;
export const DEFAULT_LINK_THRESHOLD = 0.2;

export interface ClauseEntry {
  ref: ClauseRef;
  fileIndex: number;
  clause: ParsedClause;
  schoolNames: string[];
}

function descendants(clause: ParsedClause): string[] {
  return clause.children.flatMap((c) => [c.text, ...descendants(c)]);
}

export function clauseEntries(docs: PolicyDocument[]): ClauseEntry[] {
  return docs.flatMap((doc, fileIndex) => {
    const schoolNames = schoolNamesOf(doc.parsed);
    return doc.parsed.sections.flatMap((section, s) =>
      section.clauses.map((clause, index) => ({
        ref: { file: doc.file, section: s, index },
        fileIndex,
        clause,
        schoolNames,
      })),
    );
  });
}

/** An aside: a bracket, or examples from "such as", "e.g." or "for example" up to the next comma. */
const ASIDE = /\([^)]*\)|\b(?:such\s+as|e\.\s?g\.?|for\s+example|for\s+instance|i\.\s?e\.?)\s[^,;:()]*/gi;

function termCounts(entry: ClauseEntry, weights: SimilarityWeights): TermWeights {
  const counts: TermWeights = new Map();
  const add = (text: string, weight: number) => {
    for (const token of normaliseClause(text, { schoolNames: entry.schoolNames }).tokens) {
      counts.set(token, (counts.get(token) ?? 0) + weight);
    }
  };
  const sentences = entry.clause.text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  // Later sentences share their weight, so a clause that runs on does not drown its first sentence.
  const later = weights.laterSentenceWeight / Math.sqrt(Math.max(1, sentences.length - 1));
  sentences.forEach((sentence, i) => {
    const weight = i === 0 ? 1 : later;
    // Asides count less: "(such as data held on SIMS)", "personal details, such as mobile phone
    // number and personal email address, to …" is about personal details, not email.
    const asides = sentence.match(ASIDE) ?? [];
    add(sentence.replace(ASIDE, ' '), weight);
    for (const aside of asides) add(aside, weight * weights.asideWeight);
  });
  // A long list of nested rules should not outweigh the clause that introduces it.
  const children = descendants(entry.clause);
  const childWeight = weights.childWeight / Math.sqrt(Math.max(1, children.length));
  for (const child of children) add(child, childWeight);
  return counts;
}

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

/** Scores every pair of clauses from different files that share at least one term. */
export function scorePairs(
  entries: ClauseEntry[],
  weights: SimilarityWeights = DEFAULT_SIMILARITY,
): { model: SimilarityModel; pairs: ScoredPair[] } {
  const model = buildModel(
    entries.map((e) => ({ counts: termCounts(e, weights) })),
    weights,
  );
  const postings = new Map<string, number[]>();
  model.vectors.forEach((vector, i) => {
    for (const term of vector.keys()) {
      const list = postings.get(term);
      if (list) list.push(i);
      else postings.set(term, [i]);
    }
  });
  const pairs: ScoredPair[] = [];
  model.vectors.forEach((vector, a) => {
    const candidates = new Set<number>();
    for (const term of vector.keys()) for (const b of postings.get(term) ?? []) if (b > a) candidates.add(b);
    for (const b of candidates) {
      if (entries[a]?.fileIndex === entries[b]?.fileIndex) continue;
      pairs.push({ a, b, score: pairScore(model, a, b, weights) });
    }
  });
  return { model, pairs };
}

/**
 * Groups clauses that state the same duty across schools: strongest pairs first, at most one clause
 * per file in a group, and groups merge only while their members stay similar on average.
 *
 * When two groups that should merge each hold a clause of one school, the merged group keeps the
 * clause closer to the members they do not clash over and the other leaves (a school that states a
 * duty twice, or a clause that joined the wrong group early). With `resolveClashes` off such groups
 * never merge, which splits a duty once many schools are consolidated.
 */
export function groupEntries(
  entries: ClauseEntry[],
  pairs: ScoredPair[],
  threshold: number,
  linkThreshold: number,
  mutualThreshold: number = threshold,
  resolveClashes = true,
): number[][] {
  const n = entries.length;
  const scores = new Map<number, number>();
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const score = (a: number, b: number) => scores.get(key(a, b)) ?? 0;
  for (const p of pairs) scores.set(key(p.a, p.b), p.score);
  const fileOf = (i: number) => entries[i]?.fileIndex ?? -1;
  // Best score of each clause against each other file: a mutual best match is strong evidence.
  const best = new Map<number, number>();
  const bestKey = (i: number, file: number) => i * (entries.length + 1) + file;
  for (const p of pairs) {
    const ka = bestKey(p.a, fileOf(p.b));
    const kb = bestKey(p.b, fileOf(p.a));
    best.set(ka, Math.max(best.get(ka) ?? 0, p.score));
    best.set(kb, Math.max(best.get(kb) ?? 0, p.score));
  }
  const isMutualBest = (p: ScoredPair) =>
    p.score >= (best.get(bestKey(p.a, fileOf(p.b))) ?? 0) &&
    p.score >= (best.get(bestKey(p.b, fileOf(p.a))) ?? 0);
  const meanScore = (i: number, others: number[]) => {
    let sum = 0;
    let count = 0;
    for (const j of others) {
      if (j === i) continue;
      sum += score(i, j);
      count += 1;
    }
    return count === 0 ? 0 : sum / count;
  };

  const clusterOf = entries.map((_, i) => i);
  const members = new Map<number, number[]>(entries.map((_, i) => [i, [i]]));
  let nextId = n;
  const ordered = pairs
    .filter((p) => p.score >= threshold || (p.score >= mutualThreshold && isMutualBest(p)))
    .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const { a, b } of ordered) {
    const ca = clusterOf[a] ?? a;
    const cb = clusterOf[b] ?? b;
    if (ca === cb) continue;
    let left = members.get(ca) ?? [];
    let right = members.get(cb) ?? [];
    const leftByFile = new Map(left.map((i) => [fileOf(i), i]));
    const clashes = right.filter((j) => leftByFile.has(fileOf(j)));
    const expelled: number[] = [];
    if (clashes.length > 0) {
      if (!resolveClashes) continue;
      const clashFiles = new Set(clashes.map(fileOf));
      const core = [...left, ...right].filter((i) => !clashFiles.has(fileOf(i)));
      let abandoned = false;
      for (const j of clashes) {
        // Of a school's two clauses, the one closer on average to the members both groups agree
        // on stays; the pair that prompted the merge must survive it.
        const i = leftByFile.get(fileOf(j)) ?? -1;
        const loser = meanScore(i, core) >= meanScore(j, core) ? j : i;
        if (loser === a || loser === b) {
          abandoned = true;
          break;
        }
        expelled.push(loser);
      }
      if (abandoned) continue;
      // The merge must gain more (pair scores above the linkage floor) than the leavers lose.
      let lost = 0;
      for (const x of expelled) {
        const own = left.includes(x) ? left : right;
        for (const j of own) if (j !== x && !expelled.includes(j)) lost += score(x, j) - linkThreshold;
      }
      left = left.filter((i) => !expelled.includes(i));
      right = right.filter((j) => !expelled.includes(j));
      let gained = 0;
      for (const i of left) for (const j of right) gained += score(i, j) - linkThreshold;
      if (gained <= lost) continue;
    }
    // Average linkage: a clause that shares a few words with one member of a group does not drag
    // itself, and its own partners, into it.
    let sum = 0;
    for (const i of left) for (const j of right) sum += score(i, j);
    if (sum / (left.length * right.length) < linkThreshold) continue;
    const merged = [...left, ...right];
    members.delete(ca);
    members.delete(cb);
    const id = nextId++;
    members.set(id, merged);
    for (const i of merged) clusterOf[i] = id;
    for (const x of expelled) {
      const own = nextId++;
      members.set(own, [x]);
      clusterOf[x] = own;
    }
  }
  return [...members.values()].filter((m) => m.length > 1).map((m) => [...m].sort((x, y) => x - y));
}

/**
 * Each group's best wording, unless it repeats another group's: a school that states two duties in
 * one clause ("I will not engage in any on-line activity that may compromise my professional
 * responsibilities… This includes not being friends on social media with parents") would otherwise
 * give the second duty a trust wording that reads as the first one again, and the library would
 * hold what looks like one clause twice, spelled "on-line" and "online". Such a group takes its
 * next most representative member that repeats no other proposal (or keeps its own if none does).
 */
export function distinctProposals(ranked: string[][]): string[] {
  const chosen = ranked.map((r) => r[0] ?? '');
  chosen.forEach((proposal, g) => {
    const clashes = (wording: string) =>
      chosen.some((other, h) => h !== g && other !== '' && repeatsWording(wording, other));
    if (!clashes(proposal)) return;
    chosen[g] = ranked[g]?.find((wording) => !clashes(wording)) ?? proposal;
  });
  return chosen;
}

/**
 * Finds the clauses several schools share (worded differently) and proposes one trust-wide wording
 * for each; clauses only one school has are listed as unique.
 */
export function consolidate(docs: PolicyDocument[], options: ConsolidateOptions = {}): ConsolidationResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const linkThreshold = options.linkThreshold ?? DEFAULT_LINK_THRESHOLD;
  const mutualThreshold = options.mutualThreshold ?? DEFAULT_MUTUAL_THRESHOLD;
  const weights: SimilarityWeights = { ...DEFAULT_SIMILARITY, ...options.weights };
  const entries = clauseEntries(docs);
  const { model, pairs } = scorePairs(entries, weights);
  const clusters = groupEntries(
    entries,
    pairs,
    threshold,
    linkThreshold,
    mutualThreshold,
    options.resolveClashes ?? true,
  );
  const grouped = new Set(clusters.flat());
  clusters.sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0));
  const ranked = clusters.map((cluster) =>
    rankWordings(
      cluster.map((i) => ({
        text: entries[i]?.clause.text ?? '',
        schoolNames: entries[i]?.schoolNames ?? [],
        similarity: cluster.filter((j) => j !== i).map((j) => pairScore(model, i, j, weights)),
      })),
    ),
  );
  const proposals = distinctProposals(ranked);
  const groups: ClauseGroup[] = clusters.map((cluster, g) => ({
    members: cluster.map((i) => entries[i]?.ref).filter((r): r is ClauseRef => r !== undefined),
    proposal: proposals[g] ?? '',
  }));
  const unique = entries.filter((_, i) => !grouped.has(i)).map((e) => e.ref);
  return { groups, unique };
}
