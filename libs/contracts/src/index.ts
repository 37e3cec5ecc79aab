export * as frmV1 from './generated/index.frm.v1';
export * as frmEventsV1 from './generated/index.frm.events.v1';
export * as frmInternalV1 from './generated/index.frm.internal.v1';
export { type Timestamp, timestampFromDate, dateFromTimestamp, timestampNow } from './timestamp';
export {
  PROTO_ROOT,
  FRM_V1_PROTO_FILES,
  FRM_V1_PACKAGE,
  FRM_INTERNAL_V1_PROTO_FILES,
  FRM_INTERNAL_V1_PACKAGE,
  DESCRIPTOR_IMAGE_PATH,
} from './proto-files';
export { PROTO_LOADER_OPTIONS } from './proto-loader-options';
export { readDescriptorImage } from './descriptor-image';
export { EventSchemaViolation } from './event-schema-violation.error';
export {
  type EventSchemaRegistry,
  EVENTS_PACKAGE,
  loadEventSchemaRegistry,
  createEventSchemaRegistry,
} from './event-schema-registry';
export { type EventMessageFns, toEventJson, fromEventJson, fromStoredEventJson, eventMessageFnsOf } from './event-json';
export { VOTE_TALLY_EVENTS, type VoteTallyEvent, type VoteTallyEventFns } from './vote-tally-events';
