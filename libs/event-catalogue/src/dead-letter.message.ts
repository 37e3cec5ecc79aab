import { DeadLetterHeaders, PROTOBUF_CONTENT_TYPE, toDeadLetterMessage } from '@frm/messaging';
import type { AsyncApiMessage, SchemaObject } from './asyncapi.types';
import { keyOfHeader } from './header-names';

const DECIMAL = '^[0-9]+$';

/** What each dead-letter header means; a header the platform adds without an entry here fails the catalogue's build. */
const deadLetterHeaderDocs: Readonly<Record<keyof typeof DeadLetterHeaders, SchemaObject>> = {
  errorMessage: { description: 'Why the consumer gave up: the last error, on one line, at most 1,000 characters.' },
  errorType: { description: 'The class of that error (`UndecodableMessageError` for a message that is not a readable event).' },
  attempts: { pattern: DECIMAL, description: 'How many times handling the message was tried; 0 when it could not even be decoded.' },
  originalTopic: { description: 'The topic the message was read from.' },
  originalPartition: { pattern: DECIMAL, description: 'Its partition there.' },
  originalOffset: { pattern: DECIMAL, description: 'Its offset there.' },
  consumer: { description: 'The name of the consumer that gave up on it.' },
  failedAt: { format: 'date-time', description: 'When it gave up; RFC 3339.' },
};

/**
 * A dead letter, as `toDeadLetterMessage` makes it: the original key, value and headers untouched,
 * so that it can be sent back to its topic once the cause is fixed, plus headers saying what failed.
 */
export function deadLetterMessage(): AsyncApiMessage {
  const sample = toDeadLetterMessage({
    topic: 'sample',
    partition: 0,
    message: { key: null, value: null, headers: {}, offset: '0' },
    error: new Error('sample'),
    attempts: 0,
    consumer: 'sample',
    failedAt: new Date(0),
  });
  const names = Object.keys(sample.message.headers ?? {});
  return {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A message a consumer gave up on, with the reason.',
    description:
      'A consumer sends a message here when it cannot decode it (at once) or when handling it failed on every attempt while its database ' +
      'answered. Key, value and headers are the original message’s, untouched; the `frm-dlq-*` headers are added. Once the cause is ' +
      'fixed, send the letter back to its original topic; consumers de-duplicate by `ce_id`, so sending one back twice does no harm.',
    contentType: PROTOBUF_CONTENT_TYPE,
    headers: {
      type: 'object',
      description: 'The original message’s headers (`ce_*`, `frm-*`, `content-type`), plus these.',
      properties: Object.fromEntries(names.map((name) => [name, { type: 'string', ...docOf(name) }])),
      required: names,
      additionalProperties: { type: 'string' },
    },
    payload: {
      type: 'string',
      format: 'binary',
      description: 'The original value, byte for byte: the protobuf event named by `ce_type`, or whatever arrived when it could not be decoded.',
    },
    bindings: { kafka: { key: { type: 'string', description: 'The original message’s key.' }, bindingVersion: '0.5.0' } },
  };
}

function docOf(name: string): SchemaObject {
  const key = keyOfHeader(DeadLetterHeaders, name);
  if (key === undefined) throw new RangeError(`Dead letters carry a header "${name}" that is not in DeadLetterHeaders; describe it in dead-letter.message.ts`);
  return deadLetterHeaderDocs[key];
}
