import { Module, type DynamicModule } from '@nestjs/common';
import { RpcAccessGuard } from '@frm/access';
import { SuggestCategoryHandler } from './categories/suggest-category.handler';
import { GetPriorityHandler } from './priority/get-priority.handler';
import { ListRankedRequestsHandler } from './priority/list-ranked-requests.handler';
import { SetRiceInputsHandler } from './priority/set-rice-inputs.handler';
import { TriageReadModel } from './read-model/triage.read-model';
import { FindSimilarRequestsHandler } from './similarity/find-similar-requests.handler';
import { TriageController } from './triage.controller';
import { TriageInfrastructureModule, type TriageInfrastructureOptions } from './triage-infrastructure.module';

/** The triage service: similar requests, category suggestions and priorities over gRPC, and their read model. */
@Module({})
export class TriageModule {
  static register(options: TriageInfrastructureOptions): DynamicModule {
    return {
      module: TriageModule,
      imports: [TriageInfrastructureModule.register(options)],
      controllers: [TriageController],
      providers: [
        RpcAccessGuard,
        TriageReadModel,
        FindSimilarRequestsHandler,
        SuggestCategoryHandler,
        GetPriorityHandler,
        SetRiceInputsHandler,
        ListRankedRequestsHandler,
      ],
    };
  }
}
