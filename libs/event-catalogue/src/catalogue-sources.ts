import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DescMessage } from '@bufbuild/protobuf';
import { loadSettings } from '@frm/config';
import { PROTO_ROOT, loadEventSchemaRegistry, readDescriptorImage, type EventSchemaRegistry } from '@frm/contracts';
import { frmEventRoutes, messagingSettings, type EventRoute } from '@frm/messaging';
import { readProtoComments, type ProtoComments } from './proto-comments';

/** What the catalogue is built from: the platform's own definitions, never a list kept by hand. */
export interface CatalogueSources {
  /** The platform's version (the workspace's package.json). */
  readonly version: string;
  readonly routes: readonly EventRoute[];
  /** Every event type's message (the top-level messages of frm.events.v1), routed to Kafka or not. */
  readonly eventSchemas: readonly DescMessage[];
  /** Encodes the sample events that show which headers a message carries. */
  readonly registry: Pick<EventSchemaRegistry, 'toBinary'>;
  readonly comments: ProtoComments;
  /** Partitions of the event topics the services create: FRM_KAFKA_TOPIC_PARTITIONS's default. */
  readonly topicPartitions: number;
}

const WORKSPACE_PACKAGE = path.resolve(__dirname, '../../../package.json');

/** Reads the sources from the contracts this build was generated from, the .proto files and the messaging defaults. */
export function loadCatalogueSources(): CatalogueSources {
  const registry = loadEventSchemaRegistry();
  const descriptors = readDescriptorImage();
  const eventSchemas = registry.eventTypes().map((eventType) => {
    const schema = descriptors.getMessage(eventType);
    if (!schema) throw new RangeError(`The event type ${eventType} has no message in the descriptor image`);
    return schema;
  });
  const files = [...new Set(eventSchemas.map((schema) => `${schema.file.name}.proto`))];
  return {
    version: (JSON.parse(readFileSync(WORKSPACE_PACKAGE, 'utf8')) as { version: string }).version,
    routes: frmEventRoutes,
    eventSchemas,
    registry,
    comments: readProtoComments(PROTO_ROOT, files),
    topicPartitions: loadSettings(messagingSettings, {}).FRM_KAFKA_TOPIC_PARTITIONS,
  };
}
