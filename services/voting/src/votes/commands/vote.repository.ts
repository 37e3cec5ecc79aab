import { Inject, Injectable } from '@nestjs/common';
import { StreamCommandRunner, type CommandOutcome, type ExecuteOptions } from '@frm/event-sourcing';
import type { EventStore } from '@frm/event-store';
import { EVENT_STORE } from '../../voting.tokens';
import { decide, evolveAll, type VoteCommand, type VoteEvent, type VoteState } from '../domain';
import { decodeVoteEvent, encodeVoteEvent } from '../event-codec/vote-event.codec';

export type VoteOutcome = CommandOutcome<VoteState, VoteEvent>;

/** Runs commands against one vote stream each (see StreamCommandRunner). */
@Injectable()
export class VoteRepository {
  private readonly runner: StreamCommandRunner<VoteCommand, VoteState, VoteEvent>;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.runner = new StreamCommandRunner(eventStore, { decide, evolveAll }, { encode: encodeVoteEvent, decode: decodeVoteEvent });
  }

  load(streamId: string): Promise<VoteState> {
    return this.runner.load(streamId);
  }

  readEvents(streamId: string): Promise<VoteEvent[]> {
    return this.runner.readEvents(streamId);
  }

  /** `causedBy` names who or what acts (a voter, a reviewer, `fraud-detection`, `merge`), for the events' metadata. */
  execute(streamId: string, commandId: string, causedBy: string, command: VoteCommand, options: ExecuteOptions = {}): Promise<VoteOutcome> {
    return this.runner.execute(streamId, commandId, causedBy, command, options);
  }
}
