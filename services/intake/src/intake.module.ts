import { Module, type DynamicModule } from '@nestjs/common';
import { FeatureRequestsModule } from './feature-requests/feature-requests.module';
import { IntakeInfrastructureModule, type IntakeInfrastructureOptions } from './intake-infrastructure.module';

export type IntakeModuleOptions = IntakeInfrastructureOptions;

/** The intake service: feature requests over gRPC, on the database it is given. */
@Module({})
export class IntakeModule {
  static register(options: IntakeModuleOptions): DynamicModule {
    return { module: IntakeModule, imports: [IntakeInfrastructureModule.register(options), FeatureRequestsModule] };
  }
}
