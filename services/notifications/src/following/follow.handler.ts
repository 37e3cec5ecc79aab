import { Inject, Injectable } from '@nestjs/common';
import type { CallerContext } from '@frm/caller';
import type { frmV1 } from '@frm/contracts';
import { StreamCommandRunner } from '@frm/event-sourcing';
import type { EventStore } from '@frm/event-store';
import { NotFoundError } from '@frm/grpc-errors';
import { NotificationsReadModel } from '../inbox/notifications.read-model';
import { commandIdOf } from '../notification-request';
import { EVENT_STORE } from '../notifications.tokens';
import { decide, evolveAll, followStreamId, type FollowChoice, type FollowCommand, type FollowEvent } from './follow.decider';
import { decodeFollowEvent, encodeFollowEvent } from './follow-event.codec';

/** Follow and Unfollow: the caller's own choice about one request, recorded on a stream of its own. */
@Injectable()
export class FollowHandler {
  private readonly runner: StreamCommandRunner<FollowCommand, FollowChoice, FollowEvent>;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    private readonly readModel: NotificationsReadModel,
  ) {
    this.runner = new StreamCommandRunner(eventStore, { decide, evolveAll }, { encode: encodeFollowEvent, decode: decodeFollowEvent });
  }

  async execute(kind: FollowCommand['kind'], request: frmV1.FollowRequest | frmV1.UnfollowRequest, caller: CallerContext): Promise<frmV1.FollowState> {
    const commandId = commandIdOf(kind, caller.subject, request.requestId, { feature_request_id: request.featureRequestId });
    const featureRequestId = request.featureRequestId.toLowerCase();
    if (!(await this.readModel.requestExists(featureRequestId))) throw new NotFoundError('feature request', featureRequestId);
    const outcome = await this.runner.execute(followStreamId(featureRequestId, caller.subject), commandId, caller.subject, {
      kind,
      recipientId: caller.subject,
      featureRequestId,
      at: new Date(),
    });
    // The next inbox read reflects the choice.
    await this.readModel.caughtUpWith(outcome.position);
    return { featureRequestId, following: outcome.state.following === true };
  }
}
