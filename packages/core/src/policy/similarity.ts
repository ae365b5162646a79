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
  /** Each clause's TF-IDF vector, normalised. */
  vectors: TermWeights[];
  /** The same vector cut down to duty terms and normalised again: what the clause is about. */
  dutyVectors: TermWeights[];
}

export interface SimilarityWeights {
  /** Extra factor on a duty term's TF-IDF weight. */
  dutyBoost: number;
  /**
   * How much of the score survives when both clauses name duty terms but their duty terms point
   * different ways ("approved email" against "approved social networking"): 1 means no penalty.
   */
  topicFloor: number;
  /** Factor applied when only one clause of the pair binds the signer to act through pupils. */
  actorPenalty: number;
  /** Nested rules travel with their parent and count for less (shared among them). */
  childWeight: number;
  /**
   * A clause's first sentence states its duty; later sentences qualify it ("…unless the head agrees",
   * "This includes…") and count for less (shared among them).
   */
  laterSentenceWeight: number;
  /** Asides ("(such as data held on SIMS)", ", e.g. Facebook,") count for less. */
  asideWeight: number;
}

export const DEFAULT_SIMILARITY: SimilarityWeights = {
  dutyBoost: 1.5,
  topicFloor: 0.5,
  actorPenalty: 0.5,
  childWeight: 0.5,
  laterSentenceWeight: 0.6,
  asideWeight: 0.75,
};

function norm(vector: TermWeights): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}

function normalised(vector: TermWeights): TermWeights {
  const length = norm(vector);
  if (length > 0) for (const [term, w] of vector) vector.set(term, w / length);
  return vector;
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
    return normalised(vector);
  });
  const dutyVectors = vectors.map((vector) => normalised(new Map([...vector].filter(([t]) => duty.has(t)))));
  return { vectors, dutyVectors };
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

/**
 * 1 when the clauses' weighted duty terms point the same way (or one names none), falling to
 * `floor` when they share none. Weighted, so a clause that mentions a phone in passing is not taken
 * to be about phones as much as one whose duty is about phones.
 */
function topicAgreement(a: TermWeights, b: TermWeights, floor: number): number {
  if (a.size === 0 || b.size === 0) return 1;
  return floor + (1 - floor) * cosine(a, b);
}

/**
 * TF-IDF cosine (duty terms boosted), scaled down when the clauses' duty terms disagree and when
 * only one of them is a duty to make pupils do something. In [0, 1].
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
  const topic = topicAgreement(
    model.dutyVectors[i] ?? new Map(),
    model.dutyVectors[j] ?? new Map(),
    weights.topicFloor,
  );
  const actorsDiffer = ACTOR_STEMS.some((t) => a.has(t) !== b.has(t));
  return cosine(a, b) * topic * (actorsDiffer ? weights.actorPenalty : 1);
}
