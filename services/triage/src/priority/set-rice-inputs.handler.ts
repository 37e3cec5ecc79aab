import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import { frmEventsV1, timestampFromDate, toEventJson, type frmV1 } from '@frm/contracts';
import { commandEventMetadata } from '@frm/event-sourcing';
import { eventIdFor, type EventStore, type JsonObject } from '@frm/event-store';
import { InvalidArgumentError, NotFoundError } from '@frm/grpc-errors';
import { TriageReadModel } from '../read-model/triage.read-model';
import { checkFeatureRequestId, commandIdOf } from '../requests/command-id';
import { EVENT_STORE } from '../triage.tokens';
import { GetPriorityHandler } from './get-priority.handler';
import { validateRiceInputs } from './rice';

/** Triage's own facts about a request live in a stream per request, apart from intake's. */
export const riceStreamId = (featureRequestId: string) => `triage-rice-${featureRequestId}`;

/** Product's RICE estimate (and the wedding-day mark), recorded as TriageRiceInputsSet; answers with the new priority. */
@Injectable()
export class SetRiceInputsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModel: TriageReadModel,
    private readonly priorities: GetPriorityHandler,
  ) {}

  async execute(request: frmV1.SetRiceInputsRequest, caller: CallerContext): Promise<frmV1.Priority> {
    const commandId = commandIdOf('SetRiceInputs', caller.subject, request.requestId);
    const featureRequestId = checkFeatureRequestId(request.featureRequestId);
    const inputs = { reach: request.reach, impact: request.impact, confidence: request.confidence, effort: request.effort };
    const [first, ...rest] = validateRiceInputs(inputs);
    if (first) throw new InvalidArgumentError([first, ...rest]);
    if (!(await this.readModel.requestExists(featureRequestId))) throw new NotFoundError('feature request', featureRequestId);
    const event = frmEventsV1.TriageRiceInputsSet.fromPartial({
      featureRequestId,
      occurredAt: timestampFromDate(new Date()),
      actorId: caller.subject,
      ...inputs,
      affectsWeddingDayOperations: request.affectsWeddingDayOperations,
    });
    // The id derives from the command: a retried call appends nothing new.
    const { position } = await this.eventStore.appendToStream(
      riceStreamId(featureRequestId),
      [{ id: eventIdFor(commandId, 0), type: frmEventsV1.TriageRiceInputsSet.$type, data: toEventJson(frmEventsV1.TriageRiceInputsSet, event) as JsonObject, metadata: commandEventMetadata(commandId, caller.subject) }],
      { expectedRevision: 'any' },
    );
    await this.readModel.caughtUpWith(position);
    return this.priorities.priorityOf(featureRequestId);
  }
}
