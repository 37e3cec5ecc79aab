import type { DeliveryGuarantees } from './asyncapi.types';

/** Where the runnable example consumer lives in the repository. */
export const EXAMPLE_CONSUMER_PATH = 'examples/event-consumer/';

export const deliveryGuarantees: DeliveryGuarantees = {
  delivery:
    'At least once. A relay publishes every stored event with an idempotent producer acknowledged by all in-sync replicas and ' +
    'resumes from its checkpoint after a crash, so an event can arrive more than once, but is never skipped.',
  deduplication:
    'Consumers must be idempotent by event id (`ce_id`): record the ids handled in the same transaction as the work and skip an id ' +
    'seen before. Redeliveries, relay restarts and replays repeat the same id.',
  ordering:
    "Per key: the events of one key are on one partition, in the order they were stored. There is no order across keys or topics; " +
    '`frm-position` gives the event store’s global order.',
  retention:
    'The broker deletes events after the topic’s `retention.ms` (the broker default of 7 days: the platform sets none). A consumer ' +
    'that fell further behind or lost its data asks for a replay.',
  replay:
    'An operator re-sends stored events from a position or time (`frm dr republish`, `RepublishEvents`): same key, id and headers ' +
    'plus `frm-replay: true`. De-duplicating consumers treat them as redeliveries.',
  personalData:
    'Free text a person wrote (titles, descriptions, comments, reasons) is encrypted with that person’s key (`pii:v1:…`), on Kafka ' +
    'as in the event store, and cannot be read after the person is erased. Headers carry ids, types and times only.',
};

/** The document's `info.description`: the contract in a few paragraphs, CommonMark. */
export function catalogueDescription(unpublishedEventTypes: readonly string[]): string {
  return [
    'The events of the feature-request platform on Kafka, for teams that consume them. Each topic carries one family of events; ' +
      'each message is one event: its value is the binary protobuf of the message named by the `ce_type` header ' +
      '(`proto/frm/events/v1`, generated code in `@frm/contracts`), with CloudEvents binary-mode headers.',
    'Payload schemas show the canonical proto3 JSON form of each event (what `@frm/contracts` decodes to): a field at its default ' +
      '(empty text, 0, false, the first enum value, an empty list) or unset is left out; a 64-bit integer is a decimal string. ' +
      'New fields may appear at any time; `buf breaking` keeps field numbers and names stable.',
    ...Object.values(deliveryGuarantees).map((statement) => `- ${statement}`),
    `A runnable consumer that decodes, de-duplicates and prints events: \`${EXAMPLE_CONSUMER_PATH}\` in the repository (its README says how to run it).`,
    ...(unpublishedEventTypes.length > 0
      ? [`Event types that stay inside the platform (no topic): ${unpublishedEventTypes.map((type) => `\`${type}\``).join(', ')}.`]
      : []),
  ].join('\n\n');
}
