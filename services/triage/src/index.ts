export { RICE_IMPACT_MAX, RICE_IMPACT_MIN, riceScore, validateRiceInputs, type RiceInputs } from './priority/rice';
export { DEFAULT_WEDDING_SEASON, describeSeason, seasonShare, type WeddingSeason } from './priority/wedding-season';
export { DEFAULT_PRIORITY_SETTINGS, type PrioritySettings, type PriorityWeights } from './priority/priority.settings';
export {
  scorePriority,
  type PriorityComponent,
  type PriorityComponentName,
  type PriorityInputs,
  type PriorityScore,
} from './priority/priority-score';
export {
  DEFAULT_HYBRID_WEIGHTS,
  hybridRank,
  SIMILAR_MEANING_MIN,
  type HybridRankOptions,
  type HybridWeights,
  type LexicalHit,
  type RankedMatch,
  type SemanticHit,
} from './similarity/hybrid-rank';
export { sharedWords } from './similarity/shared-words';
export { LIKELY_DUPLICATE_THRESHOLD, likelyDuplicateOf } from './similarity/likely-duplicate';
export { CATEGORIES, CATEGORY_KEYWORDS, type Category } from './categories/category-catalogue';
export {
  suggestCategory,
  suggestCategoryByKeywords,
  trainCategoryModel,
  type CategoryModel,
  type CategorySuggestion,
  type LabelledExample,
  type SuggestOptions,
} from './categories/suggest-category';
export { startTriageService, type RunningTriageService, type TriageServiceOptions } from './start-triage-service';
export { triageSettings } from './triage.settings';
export { defaultTriageProjection, triageProjection } from './read-model/triage.projection';
export { TextModel, SEMANTIC_SEARCH_HEALTH, type SimilarityMode } from './embeddings/text-model';
export { TRIAGE_PERSONAL_FIELDS } from './read-model/personal-fields';
