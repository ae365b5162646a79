import { normaliseClause } from './normalise-clause.ts';
import { proposeWording } from './proposal.ts';
import { schoolNamesOf } from './school-names.ts';
import {
  buildModel,
  DEFAULT_SIMILARITY,
  pairScore,
  type SimilarityModel,
  type SimilarityWeights,
  type TermWeights,
} from './similarity.ts';
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
  /** Let two groups that each hold a clause of one school merge, keeping the closer clause. */
  resolveClashes?: boolean;
}

/** Tuned on the five seed policies; see docs/adr/0100-clause-matching-without-a-model.md. */
export const DEFAULT_THRESHOLD = 0.3;
export const DEFAULT_MUTUAL_THRESHOLD = 0.25;
export const DEFAULT_LINK_THRESHOLD = 0.25;

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

function termCounts(entry: ClauseEntry, weights: SimilarityWeights): TermWeights {
  const counts: TermWeights = new Map();
  const add = (text: string, weight: number) => {
    for (const token of normaliseClause(text, { schoolNames: entry.schoolNames }).tokens) {
      counts.set(token, (counts.get(token) ?? 0) + weight);
    }
  };
  entry.clause.text.split(/(?<=[.!?])\s+(?=[A-Z])/).forEach((sentence, i) => {
    const weight = i === 0 ? 1 : weights.laterSentenceWeight;
    // Asides in brackets ("(such as data held on SIMS)", "(including laptops, iPads)") count less.
    const asides = sentence.match(/\([^)]*\)/g) ?? [];
    add(sentence.replace(/\([^)]*\)/g, ' '), weight);
    for (const aside of asides) add(aside, weight * weights.asideWeight);
  });
  for (const child of descendants(entry.clause)) add(child, weights.childWeight);
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
 * per file in a group (a clause matching two of one school's clauses keeps the better), and groups
 * merge only while their members stay similar on average.
 */
export function groupEntries(
  entries: ClauseEntry[],
  pairs: ScoredPair[],
  threshold: number,
  linkThreshold: number,
  mutualThreshold: number = threshold,
  resolveClashes = false,
): number[][] {
  const scores = new Map<number, number>();
  const key = (a: number, b: number) => (a < b ? a * entries.length + b : b * entries.length + a);
  for (const p of pairs) scores.set(key(p.a, p.b), p.score);
  // Best score of each clause against each other file: a mutual best match is strong evidence.
  const best = new Map<string, number>();
  const bestKey = (i: number, file: number) => `${i}@${file}`;
  for (const p of pairs) {
    const fa = entries[p.a]?.fileIndex ?? -1;
    const fb = entries[p.b]?.fileIndex ?? -1;
    best.set(bestKey(p.a, fb), Math.max(best.get(bestKey(p.a, fb)) ?? 0, p.score));
    best.set(bestKey(p.b, fa), Math.max(best.get(bestKey(p.b, fa)) ?? 0, p.score));
  }
  const isMutualBest = (p: ScoredPair) =>
    p.score >= (best.get(bestKey(p.a, entries[p.b]?.fileIndex ?? -1)) ?? 0) &&
    p.score >= (best.get(bestKey(p.b, entries[p.a]?.fileIndex ?? -1)) ?? 0);
  const clusterOf = entries.map((_, i) => i);
  const members = new Map<number, number[]>(entries.map((_, i) => [i, [i]]));
  const ordered = pairs
    .filter((p) => p.score >= threshold || (p.score >= mutualThreshold && isMutualBest(p)))
    .sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  let nextId = entries.length;
  const fileOf = (i: number) => entries[i]?.fileIndex ?? -1;
  const meanScore = (i: number, others: number[]) => {
    let sum = 0;
    let n = 0;
    for (const j of others) {
      if (j === i) continue;
      sum += scores.get(key(i, j)) ?? 0;
      n += 1;
    }
    return n === 0 ? 0 : sum / n;
  };
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
      // Both groups hold a clause from one school: the merged group keeps whichever of the two is
      // closer to the members they do not clash over, and the other leaves. The pair that prompted
      // the merge must survive it, or the merge is not what this pair is evidence for.
      const clashFiles = new Set(clashes.map(fileOf));
      const core = [...left, ...right].filter((i) => !clashFiles.has(fileOf(i)));
      let abandoned = false;
      for (const j of clashes) {
        const i = leftByFile.get(fileOf(j)) ?? -1;
        const loser = meanScore(i, core) >= meanScore(j, core) ? j : i;
        if (loser === a || loser === b) {
          abandoned = true;
          break;
        }
        expelled.push(loser);
      }
      if (abandoned) continue;
      // What the expelled clauses lose: their links to the group they leave.
      let lost = 0;
      for (const x of expelled) {
        const own = left.includes(x) ? left : right;
        for (const j of own) if (j !== x && !expelled.includes(j)) lost += (scores.get(key(x, j)) ?? 0) - linkThreshold;
      }
      left = left.filter((i) => !expelled.includes(i));
      right = right.filter((j) => !expelled.includes(j));
      let gained = 0;
      for (const i of left) for (const j of right) gained += (scores.get(key(i, j)) ?? 0) - linkThreshold;
      if (gained <= lost) continue;
    }
    let sum = 0;
    for (const i of left) for (const j of right) sum += scores.get(key(i, j)) ?? 0;
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
    options.resolveClashes ?? false,
  );
  const grouped = new Set(clusters.flat());
  const groups: ClauseGroup[] = clusters
    .sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))
    .map((cluster) => ({
      members: cluster.map((i) => entries[i]?.ref).filter((r): r is ClauseRef => r !== undefined),
      proposal: proposeWording(
        cluster.map((i) => ({
          text: entries[i]?.clause.text ?? '',
          schoolNames: entries[i]?.schoolNames ?? [],
          similarity: cluster.filter((j) => j !== i).map((j) => pairScore(model, i, j, weights)),
        })),
      ),
    }));
  const unique = entries.filter((_, i) => !grouped.has(i)).map((e) => e.ref);
  return { groups, unique };
}
