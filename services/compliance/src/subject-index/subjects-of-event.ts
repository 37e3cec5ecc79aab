import type { RecordedEvent } from '@frm/event-store';

/**
 * The fields of intake's and voting's events (proto/frm/events/v1) that name a person who acted:
 * who wrote, edited, voted, changed a status or reviewed. Ids of people who did not act in the event
 * (a vote's `featureRequestAuthorId`) are not listed: the event is not theirs.
 */
export const ACTING_SUBJECT_FIELDS = ['authorId', 'editorId', 'voterId', 'actorId', 'reviewerId', 'subjectId'] as const;

/** The event families the subject index reads. */
export const INDEXED_EVENT_PREFIXES = ['frm.events.v1.FeatureRequest', 'frm.events.v1.Vote'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The subjects (UUIDs, lower case) who acted in an event: the metadata's `actor` and the acting
 * fields of its data. Service actors (`fraud-detection`, `merge`) are not people and are left out.
 */
export function subjectsOf(event: Pick<RecordedEvent, 'data' | 'metadata'>): string[] {
  const subjects = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && UUID.test(value)) subjects.add(value.toLowerCase());
  };
  add(event.metadata.actor);
  for (const field of ACTING_SUBJECT_FIELDS) add(event.data[field]);
  return [...subjects];
}

/** Whether `subjectId` acted in the event: whether {@link subjectsOf} names them, without listing everyone. */
export function subjectActedIn(event: Pick<RecordedEvent, 'data' | 'metadata'>, subjectId: string): boolean {
  const subject = subjectId.toLowerCase();
  if (names(event.metadata.actor, subject)) return true;
  for (const field of ACTING_SUBJECT_FIELDS) if (names(event.data[field], subject)) return true;
  return false;
}

function names(value: unknown, subject: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === subject && UUID.test(value);
}
