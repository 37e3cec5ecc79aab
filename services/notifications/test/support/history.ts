import { randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, type EventStore, type JsonObject, type Position } from '@frm/event-store';

/** Appends what intake, voting and compliance would: the facts the notifications service follows. */
export class History {
  constructor(private readonly store: EventStore) {}

  private async append<T>(stream: string, fns: EventMessageFns<T>, message: T): Promise<Position> {
    const { position } = await this.store.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject }], { expectedRevision: 'any' });
    return position;
  }

  async submit(authorId: string, title: string): Promise<string> {
    const featureRequestId = randomUUID();
    await this.append(`feature-request-${featureRequestId}`, frmEventsV1.FeatureRequestSubmitted, {
      ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(new Date()),
      authorId,
      title,
      description: 'As intake would append it.',
      category: 'planning-tools',
    });
    return featureRequestId;
  }

  vote(featureRequestId: string, voterId: string): Promise<Position> {
    return this.append(`vote-${featureRequestId}-${voterId}`, frmEventsV1.VoteCast, {
      ...frmEventsV1.VoteCast.fromPartial({}),
      voteId: randomUUID(),
      occurredAt: timestampFromDate(new Date()),
      featureRequestId,
      voterId,
      weight: 1,
      tallyEffect: { counted: '1', flagged: '0', weighted: 1 },
    });
  }

  changeStatus(featureRequestId: string, actorId: string, from: string, to: string, reason = ''): Promise<Position> {
    return this.append(`feature-request-${featureRequestId}`, frmEventsV1.FeatureRequestStatusChanged, {
      ...frmEventsV1.FeatureRequestStatusChanged.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(new Date()),
      actorId,
      fromStatus: `FEATURE_REQUEST_STATUS_${from.toUpperCase()}` as frmEventsV1.FeatureRequestStatus,
      toStatus: `FEATURE_REQUEST_STATUS_${to.toUpperCase()}` as frmEventsV1.FeatureRequestStatus,
      reason,
    });
  }

  comment(featureRequestId: string, authorId: string): Promise<Position> {
    return this.append(`feature-request-${featureRequestId}`, frmEventsV1.FeatureRequestCommentAdded, {
      featureRequestId,
      occurredAt: timestampFromDate(new Date()),
      commentId: randomUUID(),
      authorId,
      body: 'A comment',
    });
  }

  withdrawConsent(subjectId: string, purpose: frmEventsV1.SubjectConsentPurpose): Promise<Position> {
    return this.append(`data-subject-${subjectId}`, frmEventsV1.SubjectConsentWithdrawn, {
      ...frmEventsV1.SubjectConsentWithdrawn.fromPartial({}),
      subjectId,
      occurredAt: timestampFromDate(new Date()),
      purpose,
    });
  }

  erase(subjectId: string): Promise<Position> {
    return this.append(`data-subject-${subjectId}`, frmEventsV1.SubjectErased, {
      ...frmEventsV1.SubjectErased.fromPartial({}),
      subjectId,
      occurredAt: timestampFromDate(new Date()),
    });
  }
}
