import { Inject, Injectable } from '@nestjs/common';
import { StreamCommandRunner, type CommandOutcome } from '@frm/event-sourcing';
import type { EventStore } from '@frm/event-store';
import { EVENT_STORE } from '../../intake.tokens';
import {
  decide,
  evolveAll,
  streamIdOf,
  type Actor,
  type FeatureRequestCommand,
  type FeatureRequestEvent,
  type FeatureRequestState,
} from '../domain';
import { decodeEvent, encodeEvent } from '../event-codec/feature-request-event.codec';

export type FeatureRequestOutcome = CommandOutcome<FeatureRequestState, FeatureRequestEvent>;

/** Loads feature requests from their streams and runs commands against them. */
@Injectable()
export class FeatureRequestRepository {
  private readonly runner: StreamCommandRunner<FeatureRequestCommand, FeatureRequestState, FeatureRequestEvent>;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.runner = new StreamCommandRunner(eventStore, { decide, evolveAll }, { encode: encodeEvent, decode: decodeEvent });
  }

  load(featureRequestId: string): Promise<FeatureRequestState> {
    return this.runner.load(streamIdOf(featureRequestId));
  }

  /** Every event of the request, oldest first; none when it does not exist. */
  history(featureRequestId: string): Promise<FeatureRequestEvent[]> {
    return this.runner.readEvents(streamIdOf(featureRequestId));
  }

  /** `command` is asked for anew on every attempt, so it can read other streams. */
  execute(
    featureRequestId: string,
    commandId: string,
    actor: Actor,
    command: () => FeatureRequestCommand | Promise<FeatureRequestCommand>,
  ): Promise<FeatureRequestOutcome> {
    return this.runner.execute(streamIdOf(featureRequestId), commandId, actor.subject, command);
  }
}
