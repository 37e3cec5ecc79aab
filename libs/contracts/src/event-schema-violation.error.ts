/** Event data that is not canonical proto3 JSON (or binary) of its event type, or an unknown type. */
export class EventSchemaViolation extends Error {
  override readonly name = 'EventSchemaViolation';

  constructor(
    readonly eventType: string,
    /** Path of the offending field in the JSON (`signals[0].score`); undefined when it is the whole event. */
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(field === undefined ? `${eventType}: ${reason}` : `${eventType}: field "${field}": ${reason}`);
  }
}
