import type { DescMessage } from '@bufbuild/protobuf';
import { readDescriptorImage } from './descriptor-image';
import { eventMessageFnsOf, type EventMessageFns } from './event-json';

// Lookups for tests, which would rather fail loudly than check for undefined.

const image = readDescriptorImage();

export function requireMessage(typeName: string): DescMessage {
  const schema = image.getMessage(typeName);
  if (schema === undefined) throw new Error(`no message ${typeName} in the descriptor image`);
  return schema;
}

export function requireEventFns(eventType: string): EventMessageFns<unknown> {
  const fns = eventMessageFnsOf(eventType);
  if (fns === undefined) throw new Error(`no ts-proto codec for event type ${eventType}`);
  return fns;
}
