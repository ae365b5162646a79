import type { ClauseRef, ConsolidationResult } from './types.ts';

/**
 * A hand-labelled group: clauses stating one duty, at most one per file. Where a file states the
 * duty twice, its other clause is an alternative that may stand in for that file's member.
 */
export interface LabelledGroup {
  members: ClauseRef[];
  alternatives?: ClauseRef[];
}

export interface PairwiseScores {
  precision: number;
  recall: number;
  /** Labelled pairs the result also put in one group. */
  truePositives: number;
  /** Predicted pairs that are right (labelled together, counting alternatives). */
  correctPredicted: number;
  predictedPairs: number;
  labelledPairs: number;
}

export interface PairwiseOptions {
  /**
   * Count only pairs with at least one clause from these files: held-out policies consolidated
   * together with the seeds are scored on their own pairs (held-out–held-out and held-out–seed).
   */
  touching?: Iterable<string>;
}

function refKey(ref: ClauseRef): string {
  return `${ref.file}#${ref.section}#${ref.index}`;
}

/** Pairs of clauses from different files that share a group, as order-free keys. */
export function crossFilePairs(groups: ClauseRef[][], touching?: Set<string>): Set<string> {
  const pairs = new Set<string>();
  for (const group of groups) {
    for (let i = 0; i < group.length; i += 1) {
      for (let j = i + 1; j < group.length; j += 1) {
        const a = group[i];
        const b = group[j];
        if (!a || !b || a.file === b.file) continue;
        if (touching && !touching.has(a.file) && !touching.has(b.file)) continue;
        const [x, y] = [refKey(a), refKey(b)].sort();
        pairs.add(`${x}|${y}`);
      }
    }
  }
  return pairs;
}

/**
 * Picks, for each file of a labelled group, the member or alternative that the result groups with
 * most of the other members (the member on a tie), so an equally right choice is not a miss.
 */
function resolveAlternatives(label: LabelledGroup, groupOf: Map<string, number>): ClauseRef[] {
  const alternatives = label.alternatives ?? [];
  if (alternatives.length === 0) return label.members;
  return label.members.map((member) => {
    const options = [member, ...alternatives.filter((a) => a.file === member.file)];
    const others = label.members.filter((m) => m.file !== member.file);
    let best = member;
    let bestAgreement = -1;
    for (const option of options) {
      const group = groupOf.get(refKey(option));
      const agreement =
        group === undefined ? 0 : others.filter((o) => groupOf.get(refKey(o)) === group).length;
      if (agreement > bestAgreement) {
        best = option;
        bestAgreement = agreement;
      }
    }
    return best;
  });
}

/**
 * Pairwise precision and recall of a consolidation against hand-labelled groups: of the pairs it
 * put together, how many belong together; of the pairs that belong together, how many it found.
 */
export function pairwiseScores(
  result: ConsolidationResult,
  labelled: (LabelledGroup | ClauseRef[])[],
  options: PairwiseOptions = {},
): PairwiseScores {
  const touching = options.touching ? new Set(options.touching) : undefined;
  const groupOf = new Map<string, number>();
  result.groups.forEach((g, i) => {
    for (const m of g.members) groupOf.set(refKey(m), i);
  });
  const labels = labelled.map((l) => (Array.isArray(l) ? { members: l } : l));
  const predicted = crossFilePairs(
    result.groups.map((g) => g.members),
    touching,
  );
  const truth = crossFilePairs(
    labels.map((l) => resolveAlternatives(l, groupOf)),
    touching,
  );
  // A predicted pair that joins a member's alternative to the rest of its group is not wrong.
  const acceptable = crossFilePairs(
    labels.map((l) => [...l.members, ...(l.alternatives ?? [])]),
    touching,
  );
  let truePositives = 0;
  let predictedCorrect = 0;
  for (const pair of predicted) {
    if (truth.has(pair)) truePositives += 1;
    if (truth.has(pair) || acceptable.has(pair)) predictedCorrect += 1;
  }
  return {
    precision: predicted.size === 0 ? 1 : predictedCorrect / predicted.size,
    recall: truth.size === 0 ? 1 : truePositives / truth.size,
    truePositives,
    correctPredicted: predictedCorrect,
    predictedPairs: predicted.size,
    labelledPairs: truth.size,
  };
}
