import { Module, type DynamicModule } from '@nestjs/common';
import { VoteRelay, VOTING_RELAY_OPTIONS, type VotingRelayOptions } from './relay/vote-relay';
import { VotesModule } from './votes/votes.module';
import { VotingInfrastructureModule, type VotingInfrastructureOptions } from './voting-infrastructure.module';

export interface VotingModuleOptions extends VotingInfrastructureOptions {
  /** Publish the vote streams to Kafka (server modes); none when absent (embedded). */
  readonly relay?: VotingRelayOptions;
}

/** The voting service: votes over gRPC, their read model, fraud detection and the merge mover. */
@Module({})
export class VotingModule {
  static register(options: VotingModuleOptions): DynamicModule {
    const relay = options.relay ? [{ provide: VOTING_RELAY_OPTIONS, useValue: options.relay }, VoteRelay] : [];
    return { module: VotingModule, imports: [VotingInfrastructureModule.register(options), VotesModule], providers: relay };
  }
}
