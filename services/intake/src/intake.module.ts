import { Module, type DynamicModule } from '@nestjs/common';
import { FeatureRequestsModule } from './feature-requests/feature-requests.module';
import { IntakeInfrastructureModule, type IntakeInfrastructureOptions } from './intake-infrastructure.module';
import { IntakeRelayModule } from './relay/intake-relay.module';
import type { IntakeRelayOptions } from './relay/intake-relay.options';

export interface IntakeModuleOptions extends IntakeInfrastructureOptions {
  /** Publish the event store to Kafka (server modes); no relay when absent (embedded). */
  readonly relay?: IntakeRelayOptions;
}

/** The intake service: feature requests over gRPC, on the database it is given, relayed to Kafka when asked. */
@Module({})
export class IntakeModule {
  static register(options: IntakeModuleOptions): DynamicModule {
    const relay = options.relay ? [IntakeRelayModule.register(options.relay)] : [];
    return { module: IntakeModule, imports: [IntakeInfrastructureModule.register(options), FeatureRequestsModule, ...relay] };
  }
}
