import { dutyTermStems } from './normalise-clause.ts';
import { stem } from './stem.ts';
import { ACTOR_TERMS } from './vocabulary.ts';

const ACTOR_STEMS = [...ACTOR_TERMS].map((t) => stem(t));

export type TermWeights = Map<string, number>;

export interface WeightedTerms {
  /** Term frequencies; a clause's nested rules count at a lower weight than its own words. */
  counts: TermWeights;
}

export interface SimilarityModel {
  vectors: TermWeights[];
  duties: Set<string>[];
}

export interface SimilarityWeights {
  /** Extra factor on a duty term's TF-IDF weight. */
  dutyBoost: number;
  /**
   * How much of the score survives when both clauses name duty terms but share none of them
   * ("approved email" against "approved social networking"): 1 means no penalty.
   */
  topicFloor: number;
  /** Factor applied when only one clause of the pair binds the signer to act through pupils. */
  actorPenalty: number;
  /** Nested rules travel with their parent and count for less in the comparison. */
  childWeight: number;
  /**
   * A clause's first sentence states its duty; later sentences qualify it ("…unless the head agrees",
   * "This includes…") and count for less.
   */
  laterSentenceWeight: number;
  /** Asides in brackets ("(such as data held on SIMS)") count for less. */
  asideWeight: number;
}

export const DEFAULT_SIMILARITY: SimilarityWeights = {
  dutyBoost: 1.5,
  topicFloor: 0.5,
  actorPenalty: 0.5,
  childWeight: 0.5,
  laterSentenceWeight: 0.6,
  asideWeight: 0.5,
};

function norm(vector: TermWeights): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}

/**
 * TF-IDF over the clauses being consolidated: words every school uses ("device", "internet") weigh
 * little, words only a few clauses share ("password", "copyright") weigh a lot.
 */
export function buildModel(
  items: WeightedTerms[],
  weights: SimilarityWeights = DEFAULT_SIMILARITY,
): SimilarityModel {
  const n = items.length;
  const df = new Map<string, number>();
  for (const item of items) for (const term of item.counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const duty = dutyTermStems();
  const vectors = items.map((item) => {
    const vector: TermWeights = new Map();
    for (const [term, count] of item.counts) {
      const idf = Math.log((n + 1) / ((df.get(term) ?? 0) + 1)) + 1;
      const boost = duty.has(term) ? weights.dutyBoost : 1;
      const tf = count <= 1 ? count : 1 + Math.log(count);
      vector.set(term, tf * idf * boost);
    }
    const length = norm(vector);
    if (length > 0) for (const [term, w] of vector) vector.set(term, w / length);
    return vector;
  });
  const duties = items.map((item) => new Set([...item.counts.keys()].filter((t) => duty.has(t))));
  return { vectors, duties };
}

export function cosine(a: TermWeights, b: TermWeights): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += w * other;
  }
  return dot;
}

function shared(a: Set<string>, b: Set<string>): number {
  let count = 0;
  for (const term of a) if (b.has(term)) count += 1;
  return count;
}

/** 1 when the clauses' duty terms overlap fully (or one names none), falling to `floor` when disjoint. */
function topicAgreement(a: Set<string>, b: Set<string>, floor: number): number {
  if (a.size === 0 || b.size === 0) return 1;
  const overlap = shared(a, b) / Math.min(a.size, b.size);
  return floor + (1 - floor) * overlap;
}

/**
 * TF-IDF cosine (duty terms boosted), scaled down when the clauses' duty terms do not overlap and
 * when only one of them is a duty to make pupils do something. In [0, 1].
 */
export function pairScore(
  model: SimilarityModel,
  i: number,
  j: number,
  weights: SimilarityWeights = DEFAULT_SIMILARITY,
): number {
  const a = model.vectors[i];
  const b = model.vectors[j];
  if (!a || !b) return 0;
  const da = model.duties[i] ?? new Set<string>();
  const db = model.duties[j] ?? new Set<string>();
  const actorsDiffer = ACTOR_STEMS.some((t) => a.has(t) !== b.has(t));
  return (
    cosine(a, b) * topicAgreement(da, db, weights.topicFloor) * (actorsDiffer ? weights.actorPenalty : 1)
  );
}
