/**
 * Which fields of which event types are personal data, and whose: for each stored event type, the
 * data field that holds the subject id (the person who wrote the text) and the top-level string
 * fields to encrypt with that subject's key. Ids, statuses, categories and times stay readable.
 */
export type PiiFieldMap = Readonly<Record<string, { readonly subjectField: string; readonly fields: readonly string[] }>>;
