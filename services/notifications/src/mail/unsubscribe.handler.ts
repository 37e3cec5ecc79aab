import { Inject, Injectable } from '@nestjs/common';
import { frmEventsV1, type frmInternalV1 } from '@frm/contracts';
import type { EventStore } from '@frm/event-store';
import { FailedPreconditionError, InvalidArgumentError } from '@frm/grpc-errors';
import { appendCommandEvent } from '../append-command-event';
import type { DeliveryOptions } from '../delivery/delivery-options';
import { FollowHandler } from '../following/follow.handler';
import { NotificationsReadModel } from '../inbox/notifications.read-model';
import { DELIVERY, EVENT_STORE } from '../notifications.tokens';
import { preferencesEventData, preferencesStreamId } from '../preferences/preferences-event.codec';
import { InvalidUnsubscribeTokenError, verifyUnsubscribeToken } from './unsubscribe-token';

const NO_MAIL = { inApp: true, email: false };

/**
 * The one-click unsubscribe of a mail's link, for the gateway's /unsubscribe page. The signed token
 * is the authority: it names the person and what to turn off. A request's link stops the person
 * following that request; the List-Unsubscribe header and a digest's link turn off every kind of
 * e-mail (the inbox stays). Both are recorded as the person's own events, as if they had done it
 * on the board.
 */
@Injectable()
export class UnsubscribeHandler {
  constructor(
    @Inject(DELIVERY) private readonly delivery: DeliveryOptions | null,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModel: NotificationsReadModel,
    private readonly follows: FollowHandler,
  ) {}

  async execute(request: frmInternalV1.UnsubscribeRequest): Promise<frmInternalV1.UnsubscribeResponse> {
    if (!this.delivery) throw new FailedPreconditionError('this notifications process sends no mail, so it has no unsubscribe key; call the one that does');
    let claim;
    try {
      claim = verifyUnsubscribeToken(this.delivery.unsubscribeKey, request.token, Math.floor(Date.now() / 1000));
    } catch (error) {
      if (error instanceof InvalidUnsubscribeTokenError || error instanceof SyntaxError) {
        throw new InvalidArgumentError('token', error instanceof InvalidUnsubscribeTokenError ? error.message : 'the unsubscribe link is not one this service made');
      }
      throw error;
    }
    const person = { subject: claim.recipientId, roles: ['couple' as const] };
    if (claim.scope.kind === 'request') {
      await this.follows.execute('Unfollow', { requestId: '', featureRequestId: claim.scope.featureRequestId }, person);
      return { done: 'You no longer follow this request: no more mails or notices about it.' };
    }
    const preferences = await this.readModel.preferencesOf(claim.recipientId);
    if (!preferences) return { done: 'You get no e-mail from the feature board.' };
    const position = await appendCommandEvent(this.eventStore, preferencesStreamId(claim.recipientId), `unsubscribe/${request.token}`, claim.recipientId, {
      type: frmEventsV1.RecipientPreferencesUpdated.$type,
      data: preferencesEventData(claim.recipientId, new Date(), {
        ...preferences,
        statusChanged: { ...NO_MAIL, inApp: preferences.statusChanged?.inApp ?? true },
        shipped: { ...NO_MAIL, inApp: preferences.shipped?.inApp ?? true },
        comments: { ...NO_MAIL, inApp: preferences.comments?.inApp ?? true },
        digest: 'DIGEST_FREQUENCY_OFF' as never,
        emailAddress: preferences.emailAddress ?? '',
      }),
    });
    await this.readModel.caughtUpWith(position);
    return { done: 'You get no more e-mail from the feature board. Your inbox on the board stays as it is.' };
  }
}
