/**
 * Kafka header names of an event message. The `ce_` ones are CloudEvents 1.0 attributes in the
 * Kafka protocol binding's binary mode (the value is the event data itself); the `frm-` ones say
 * where the event sits in the event store. All of them carry ids, types and times, never personal data.
 */
export const EventHeaders = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  subject: 'ce_subject',
  time: 'ce_time',
  /** CloudEvents extension attributes: the request that started the chain, and the message that caused this one. */
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  contentType: 'content-type',
  /** `<commit>/<prepare>`, as formatPosition writes it. */
  position: 'frm-position',
  streamId: 'frm-stream-id',
  streamRevision: 'frm-stream-revision',
  /** `true` on events published again after the fact (by a replay from a position). */
  replay: 'frm-replay',
  /** W3C trace context of the request that caused the event: a consumer's span continues that trace. */
  traceparent: 'traceparent',
} as const;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';
