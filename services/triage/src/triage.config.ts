import type { PrioritySettings } from './priority/priority.settings';
import type { SimilarityTuning } from './similarity/similar-request-finder';

/** Where triage keeps its tables and how it scores; fixed for the life of the service. */
export interface TriageConfig {
  /** Schema of the projection's live copy; default `projection_triage`. */
  readonly readModelSchema?: string;
  /** Schema of the vectors and duplicate marks, which outlive a rebuild; default `triage_derived`. */
  readonly derivedSchema?: string;
  /** The trend's half-life (ms); the read model refuses to start on rows made with another. */
  readonly trendHalfLifeMs: number;
  readonly priority: PrioritySettings;
  readonly similarity?: SimilarityTuning;
  /** A match scoring this much or more is a likely duplicate; default LIKELY_DUPLICATE_THRESHOLD. */
  readonly likelyDuplicateThreshold?: number;
  /** Off: no embedding or duplicate marking in the background (a process that only answers queries). */
  readonly backgroundWork?: boolean;
}

export const DEFAULT_DERIVED_SCHEMA = 'triage_derived';
