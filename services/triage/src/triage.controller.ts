import { Controller, UseGuards } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { RpcAccessGuard } from '@frm/access';
import { callerFromMetadata } from '@frm/caller';
import { frmV1 } from '@frm/contracts';
import { SuggestCategoryHandler } from './categories/suggest-category.handler';
import { GetPriorityHandler } from './priority/get-priority.handler';
import { ListRankedRequestsHandler } from './priority/list-ranked-requests.handler';
import { SetRiceInputsHandler } from './priority/set-rice-inputs.handler';
import { FindSimilarRequestsHandler } from './similarity/find-similar-requests.handler';

@Controller()
@UseGuards(RpcAccessGuard)
@frmV1.TriageServiceControllerMethods()
export class TriageController {
  constructor(
    private readonly similar: FindSimilarRequestsHandler,
    private readonly categories: SuggestCategoryHandler,
    private readonly priorities: GetPriorityHandler,
    private readonly rice: SetRiceInputsHandler,
    private readonly ranking: ListRankedRequestsHandler,
  ) {}

  findSimilarRequests(request: frmV1.FindSimilarRequestsRequest): Promise<frmV1.FindSimilarRequestsResponse> {
    return this.similar.execute(request);
  }

  suggestCategory(request: frmV1.SuggestCategoryRequest): Promise<frmV1.CategorySuggestion> {
    return this.categories.execute(request);
  }

  getPriority(request: frmV1.GetPriorityRequest): Promise<frmV1.Priority> {
    return this.priorities.execute(request);
  }

  setRiceInputs(request: frmV1.SetRiceInputsRequest, metadata: Metadata): Promise<frmV1.Priority> {
    return this.rice.execute(request, callerFromMetadata(metadata));
  }

  listRankedRequests(request: frmV1.ListRankedRequestsRequest): Promise<frmV1.ListRankedRequestsResponse> {
    return this.ranking.execute(request);
  }
}
