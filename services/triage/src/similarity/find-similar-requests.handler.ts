import { Inject, Injectable } from '@nestjs/common';
import { frmV1 } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { TriageReadModel } from '../read-model/triage.read-model';
import { checkRequestText } from '../requests/text-rules';
import { TRIAGE_CONFIG } from '../triage.tokens';
import type { TriageConfig } from '../triage.config';
import { LIKELY_DUPLICATE_THRESHOLD } from './likely-duplicate';

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 50;

/** Requests like the text a person is typing, most alike first, each with why it matched. */
@Injectable()
export class FindSimilarRequestsHandler {
  private readonly threshold: number;

  constructor(
    private readonly readModel: TriageReadModel,
    @Inject(TRIAGE_CONFIG) config: TriageConfig,
  ) {
    this.threshold = config.likelyDuplicateThreshold ?? LIKELY_DUPLICATE_THRESHOLD;
  }

  async execute(request: frmV1.FindSimilarRequestsRequest): Promise<frmV1.FindSimilarRequestsResponse> {
    const text = checkRequestText(request);
    if (request.limit < 0 || request.limit > MAX_LIMIT) throw new InvalidArgumentError('limit', `must be 0 (for ${DEFAULT_LIMIT}) to ${MAX_LIMIT}`, request.limit);
    const finder = this.readModel.finder;
    const { matches, mode } = await finder.search(text, { limit: request.limit || DEFAULT_LIMIT, budgetMs: finder.typingBudgetMs });
    return {
      similar: matches.map((match) => ({
        featureRequestId: match.id,
        title: match.title,
        score: match.score,
        reason: match.reason,
        status: match.status as frmV1.FeatureRequestStatus,
        likelyDuplicate: match.score >= this.threshold,
      })),
      mode: mode === 'hybrid' ? frmV1.SimilarityMode.SIMILARITY_MODE_HYBRID : frmV1.SimilarityMode.SIMILARITY_MODE_LEXICAL,
    };
  }
}
