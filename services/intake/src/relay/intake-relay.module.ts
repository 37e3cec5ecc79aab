import { Module, type DynamicModule } from '@nestjs/common';
import { FeatureRequestRelay, INTAKE_RELAY_OPTIONS } from './feature-request-relay.service';
import type { IntakeRelayOptions } from './intake-relay.options';

/** The event store → Kafka relay of the server modes; the embedded mode leaves it out. */
@Module({})
export class IntakeRelayModule {
  static register(options: IntakeRelayOptions): DynamicModule {
    return {
      module: IntakeRelayModule,
      providers: [{ provide: INTAKE_RELAY_OPTIONS, useValue: options }, FeatureRequestRelay],
    };
  }
}
