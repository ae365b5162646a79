export {
  type ConsolidateOptions,
  consolidate,
  DEFAULT_LINK_THRESHOLD,
  DEFAULT_MUTUAL_THRESHOLD,
  DEFAULT_THRESHOLD,
} from './consolidate.ts';
export { type LabelledGroup, type PairwiseScores, pairwiseScores } from './evaluate.ts';
export { type NormalisedClause, type NormaliseOptions, normaliseClause } from './normalise-clause.ts';
export { allClauseTexts, parsePolicy } from './parse-policy.ts';
export { asSignersPromise, templatise, toFirstPerson } from './proposal.ts';
export {
  type RenderedTemplate,
  renderTemplate,
  type TemplateVars,
  templateVariables,
} from './render-template.ts';
export { schoolNamesOf } from './school-names.ts';
export { DEFAULT_SIMILARITY, type SimilarityWeights } from './similarity.ts';
export { comparableWording, foldSpelling, repeatsWording, sameWording } from './spelling.ts';
export { stem } from './stem.ts';
export type {
  ClauseGroup,
  ClauseRef,
  ConsolidationResult,
  ParsedClause,
  ParsedPolicy,
  ParsedSection,
  ParsedSignature,
  PolicyDocument,
} from './types.ts';
