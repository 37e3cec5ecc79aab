/**
 * Which fields of which event types are personal data, and whose: for each stored event type, the
 * data field that holds the subject id (the person who wrote the text) and the top-level string
 * fields to encrypt with that subject's key. Ids, statuses, categories and times stay readable.
 */
export type PiiFieldMap = Readonly<Record<string, { readonly subjectField: string; readonly fields: readonly string[] }>>;

/** The event that erases a subject, and where it names them: reading it drops the subject's key from memory. */
export interface ErasureEvent {
  readonly type: string;
  readonly subjectField: string;
}
