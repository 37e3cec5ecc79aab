import {
  dateFromTimestamp,
  frmEventsV1,
  fromEventJson,
  timestampFromDate,
  toEventJson,
  type EventMessageFns,
  type Timestamp,
} from '@frm/contracts';
import type { JsonObject, RecordedEvent } from '@frm/event-store';
import type { FeatureRequestEvent, FeatureRequestEventType } from '../domain';
import { fromStatusName, toEventStatus } from './status-names';

/** Every event type of the family starts with this; a projection's or subscription's type filter. */
export const FEATURE_REQUEST_EVENT_PREFIX = 'frm.events.v1.FeatureRequest';

/** The stored type of a domain event: the full name of its protobuf message. */
export function storedTypeOf(type: FeatureRequestEventType): string {
  return `frm.events.v1.${type}`;
}

/** A domain event as the event store keeps it: canonical proto3 JSON of its `frm.events.v1` message. */
export function encodeEvent(event: FeatureRequestEvent): { type: string; data: JsonObject } {
  const occurredAt = timestampFromDate(event.occurredAt);
  const base = { featureRequestId: event.featureRequestId, occurredAt };
  const encoded = <T>(fns: EventMessageFns<T>, message: T) => ({ type: fns.$type, data: toEventJson(fns, message) as JsonObject });
  switch (event.type) {
    case 'FeatureRequestSubmitted':
      return encoded(frmEventsV1.FeatureRequestSubmitted, {
        ...base,
        authorId: event.authorId,
        title: event.title,
        description: event.description,
        category: event.category,
        tags: [...event.tags],
        weddingContext: event.weddingContext && { ...event.weddingContext },
      });
    case 'FeatureRequestEdited':
      return encoded(frmEventsV1.FeatureRequestEdited, {
        ...base,
        editorId: event.editorId,
        title: event.changes.title,
        description: event.changes.description,
        category: event.changes.category,
        tags: event.changes.tags === undefined ? null : { values: [...event.changes.tags] },
      });
    case 'FeatureRequestCommentAdded':
      return encoded(frmEventsV1.FeatureRequestCommentAdded, {
        ...base,
        commentId: event.commentId,
        authorId: event.authorId,
        body: event.body,
      });
    case 'FeatureRequestStatusChanged':
      return encoded(frmEventsV1.FeatureRequestStatusChanged, {
        ...base,
        actorId: event.actorId,
        fromStatus: toEventStatus(event.from),
        toStatus: toEventStatus(event.to),
        reason: event.reason,
      });
    case 'FeatureRequestMerged':
      return encoded(frmEventsV1.FeatureRequestMerged, {
        ...base,
        actorId: event.actorId,
        targetFeatureRequestId: event.targetId,
        fromStatus: toEventStatus(event.from),
        reason: event.reason,
      });
    case 'FeatureRequestUnmerged':
      return encoded(frmEventsV1.FeatureRequestUnmerged, {
        ...base,
        actorId: event.actorId,
        targetFeatureRequestId: event.targetId,
        toStatus: toEventStatus(event.to),
        reason: event.reason,
      });
    case 'FeatureRequestDuplicateSuspected':
      return encoded(frmEventsV1.FeatureRequestDuplicateSuspected, {
        ...base,
        duplicateOfId: event.duplicateOfId,
        similarity: event.similarity,
      });
  }
}

/**
 * The domain event of a stored one; `undefined` for a type of the family this build does not know
 * (a newer producer's), which readers skip. Throws when a known type's data breaks its schema.
 */
export function decodeEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): FeatureRequestEvent | undefined {
  switch (recorded.type) {
    case frmEventsV1.FeatureRequestSubmitted.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestSubmitted, recorded.data);
      return {
        type: 'FeatureRequestSubmitted',
        ...baseOf(e),
        authorId: e.authorId,
        title: e.title,
        description: e.description,
        category: e.category,
        tags: e.tags,
        weddingContext: e.weddingContext && { supplierType: e.weddingContext.supplierType, weddingDate: e.weddingContext.weddingDate },
      };
    }
    case frmEventsV1.FeatureRequestEdited.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestEdited, recorded.data);
      return {
        type: 'FeatureRequestEdited',
        ...baseOf(e),
        editorId: e.editorId,
        changes: {
          ...(typeof e.title === 'string' ? { title: e.title } : {}),
          ...(typeof e.description === 'string' ? { description: e.description } : {}),
          ...(typeof e.category === 'string' ? { category: e.category } : {}),
          ...(e.tags ? { tags: e.tags.values } : {}),
        },
      };
    }
    case frmEventsV1.FeatureRequestCommentAdded.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestCommentAdded, recorded.data);
      return { type: 'FeatureRequestCommentAdded', ...baseOf(e), commentId: e.commentId, authorId: e.authorId, body: e.body };
    }
    case frmEventsV1.FeatureRequestStatusChanged.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestStatusChanged, recorded.data);
      return {
        type: 'FeatureRequestStatusChanged',
        ...baseOf(e),
        actorId: e.actorId,
        from: statusOf(e.fromStatus, recorded.type),
        to: statusOf(e.toStatus, recorded.type),
        reason: e.reason,
      };
    }
    case frmEventsV1.FeatureRequestMerged.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestMerged, recorded.data);
      return {
        type: 'FeatureRequestMerged',
        ...baseOf(e),
        actorId: e.actorId,
        targetId: e.targetFeatureRequestId,
        from: statusOf(e.fromStatus, recorded.type),
        reason: e.reason,
      };
    }
    case frmEventsV1.FeatureRequestUnmerged.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestUnmerged, recorded.data);
      return {
        type: 'FeatureRequestUnmerged',
        ...baseOf(e),
        actorId: e.actorId,
        targetId: e.targetFeatureRequestId,
        to: statusOf(e.toStatus, recorded.type),
        reason: e.reason,
      };
    }
    case frmEventsV1.FeatureRequestDuplicateSuspected.$type: {
      const e = fromEventJson(frmEventsV1.FeatureRequestDuplicateSuspected, recorded.data);
      return { type: 'FeatureRequestDuplicateSuspected', ...baseOf(e), duplicateOfId: e.duplicateOfId, similarity: e.similarity };
    }
    default:
      return undefined;
  }
}

function baseOf(event: { featureRequestId: string; occurredAt: Timestamp | null }) {
  return {
    featureRequestId: event.featureRequestId,
    occurredAt: event.occurredAt ? dateFromTimestamp(event.occurredAt) : new Date(0),
  };
}

function statusOf(name: string, eventType: string) {
  const status = fromStatusName(name);
  if (status === undefined) throw new RangeError(`${eventType} holds status ${name}, which this build does not know`);
  return status;
}
