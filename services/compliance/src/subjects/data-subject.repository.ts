import { Inject, Injectable } from '@nestjs/common';
import { StreamCommandRunner, type CommandOutcome } from '@frm/event-sourcing';
import type { EventStore } from '@frm/event-store';
import { EVENT_STORE } from '../compliance.tokens';
import { dataSubjectStreamId, decide, evolveAll, type DataSubjectCommand, type DataSubjectEvent, type DataSubjectState } from './domain';
import { decodeDataSubjectEvent, encodeDataSubjectEvent } from './event-codec/data-subject-event.codec';

/** Runs commands against a subject's stream `data-subject-<id>` (see StreamCommandRunner). */
@Injectable()
export class DataSubjectRepository {
  private readonly runner: StreamCommandRunner<DataSubjectCommand, DataSubjectState, DataSubjectEvent>;

  constructor(@Inject(EVENT_STORE) eventStore: EventStore) {
    this.runner = new StreamCommandRunner(eventStore, { decide, evolveAll }, { encode: encodeDataSubjectEvent, decode: decodeDataSubjectEvent });
  }

  load(subjectId: string): Promise<DataSubjectState> {
    return this.runner.load(dataSubjectStreamId(subjectId));
  }

  readEvents(subjectId: string): Promise<DataSubjectEvent[]> {
    return this.runner.readEvents(dataSubjectStreamId(subjectId));
  }

  /** `actorId` is who acts: the subject, an admin, or `compliance` when the service completes an erasure itself. */
  execute(commandId: string, actorId: string, command: DataSubjectCommand): Promise<CommandOutcome<DataSubjectState, DataSubjectEvent>> {
    return this.runner.execute(dataSubjectStreamId(command.subjectId), commandId, actorId, command);
  }
}
