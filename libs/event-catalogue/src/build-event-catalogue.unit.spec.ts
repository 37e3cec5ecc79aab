import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { loadEventSchemaRegistry, readDescriptorImage } from '@frm/contracts';
import { deadLetterTopicOf, findRoute, frmEventRoutes, topicsOf } from '@frm/messaging';
import type { SchemaObject } from './asyncapi.types';
import { buildEventCatalogue } from './build-event-catalogue';
import { catalogueJson, catalogueYaml } from './catalogue-formats';
import { loadCatalogueSources } from './catalogue-sources';
import { resolveReference } from './resolve-reference';

const sources = loadCatalogueSources();
const doc = buildEventCatalogue(sources);
const registry = loadEventSchemaRegistry();
const routedTypes = registry.eventTypes().filter((type) => findRoute(frmEventRoutes, type));

/** Problems the official AsyncAPI parser finds, leaving out its hint that a newer AsyncAPI version exists. */
async function asyncApiProblems(document: unknown): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(JSON.parse(JSON.stringify(document)));
  return diagnostics
    .filter((diagnostic) => diagnostic.severity <= DiagnosticSeverity.Warning)
    .map((diagnostic) => `${diagnostic.code} at ${diagnostic.path.join('/')}: ${diagnostic.message}`);
}

function payloadOf(eventType: string): SchemaObject {
  const message = doc.components.messages[eventType.slice(eventType.lastIndexOf('.') + 1)];
  if (!message || !('$ref' in message.payload)) throw new Error(`no message for ${eventType}`);
  return resolveReference<SchemaObject>(doc, message.payload);
}

describe('buildEventCatalogue', () => {
  it('makes a valid AsyncAPI 3.0.0 document, as the official parser judges it', async () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(await asyncApiProblems(doc)).toEqual([]);
  }, 60_000);

  it('is judged by a parser that does find problems', async () => {
    const channel = doc.channels['frm.votes.v1'];
    const broken = { ...doc, channels: { ...doc.channels, 'frm.votes.v1': { ...channel, bindings: { kafka: { partitions: 0 } } } } };
    expect((await asyncApiProblems(broken)).join('\n')).toMatch(/partitions|minimum/);
  }, 60_000);

  it('has a channel for every topic of the routes, with every event type routed there, and its dead-letter topic', () => {
    for (const topic of topicsOf(frmEventRoutes)) {
      const expected = routedTypes.filter((type) => findRoute(frmEventRoutes, type)?.topic === topic);
      const channel = doc.channels[topic];
      expect(channel?.address).toBe(topic);
      expect(Object.keys(channel?.messages ?? {}).map((name) => doc.components.messages[name]?.name)).toEqual(expected);
      expect(doc.channels[deadLetterTopicOf(topic)]?.messages).toEqual({ DeadLetter: { $ref: '#/components/messages/DeadLetter' } });
    }
    expect(routedTypes.length).toBeGreaterThan(10);
    expect(doc.info['x-frm-example-consumer']).toBe('examples/event-consumer/');
  });

  it('derives each payload from the protobuf descriptor: every field under its JSON name, in field order', () => {
    const descriptors = readDescriptorImage();
    for (const type of routedTypes) {
      const fields = descriptors.getMessage(type)?.fields ?? [];
      expect(Object.keys(payloadOf(type).properties ?? {})).toEqual(fields.map((field) => field.jsonName));
    }
  });

  it('maps protobuf types to their canonical JSON and keeps the .proto comments', () => {
    const voteCast = payloadOf('frm.events.v1.VoteCast').properties ?? {};
    expect(voteCast['voteId']).toMatchObject({ type: 'string', description: 'One per feature request and voter.' });
    expect(voteCast['occurredAt']).toMatchObject({ type: 'string', format: 'date-time', 'x-protobuf-field': { number: 2, type: 'google.protobuf.Timestamp' } });
    expect(voteCast['signals']).toEqual(expect.objectContaining({ allOf: [{ $ref: '#/components/schemas/frm.events.v1.VoteCast.Signals' }] }));
    expect(payloadOf('frm.events.v1.VoteFlagged').properties?.['signals']).toMatchObject({ type: 'array', 'x-protobuf-field': { label: 'repeated' } });
    expect(payloadOf('frm.events.v1.FeatureRequestEdited').properties?.['title']).toMatchObject({ 'x-protobuf-field': { label: 'optional' } });

    const tally = doc.components.schemas['frm.events.parts.v1.TallyEffect']?.properties?.['counted'] as SchemaObject;
    expect(tally).toMatchObject({ type: 'string', pattern: '^-?[0-9]+$', 'x-protobuf-field': { type: 'int64' } });
    expect(tally.description).toMatch(/^Change in the votes that count\. A 64-bit integer/);

    expect(doc.components.schemas['frm.events.v1.VoteHold']).toMatchObject({
      type: 'string',
      enum: ['VOTE_HOLD_UNSPECIFIED', 'VOTE_HOLD_NONE', 'VOTE_HOLD_FLAGGED', 'VOTE_HOLD_CONFIRMED_FRAUD'],
      'x-enum-descriptions': { VOTE_HOLD_NONE: 'It counts.' },
    });
    expect(doc.components.messages['VoteFlagged']?.summary).toBe('Fraud detection quarantined the vote: it stops counting until a reviewer clears it.');
  });

  it('documents the headers the platform writes, the replay and tracing headers as optional, and the key', () => {
    const headers = resolveReference<SchemaObject>(doc, { $ref: '#/components/schemas/headers.frm.events.v1.Vote' });
    expect(headers.required).toEqual(['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'content-type', 'frm-position', 'frm-stream-id', 'frm-stream-revision']);
    expect(Object.keys(headers.properties ?? {})).toEqual(expect.arrayContaining(['ce_correlationid', 'ce_causationid', 'frm-replay']));
    expect(headers.properties?.['frm-replay']).toMatchObject({ const: 'true' });
    expect(headers.properties?.['ce_source']).toMatchObject({ const: '/frm/voting' });
    expect(doc.components.messages['VoteCast']?.contentType).toBe('application/protobuf');
    expect(doc.components.messages['VoteCast']?.bindings.kafka.key.description).toMatch(/featureRequestId/);
    expect(doc.components.messages['DeadLetter']?.headers).toMatchObject({ required: expect.arrayContaining(['frm-dlq-error-message', 'frm-dlq-original-offset']) });
  });

  it('states the partitions the platform creates topics with and the broker defaults it relies on', () => {
    expect(doc.channels['frm.votes.v1']?.bindings.kafka).toMatchObject({ partitions: 6, topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': 604_800_000 } });
    expect(doc.channels['frm.votes.v1.dlq']?.bindings.kafka.partitions).toBe(1);
    expect(buildEventCatalogue({ ...sources, topicPartitions: 12 }).channels['frm.votes.v1']?.bindings.kafka.partitions).toBe(12);
  });

  it('is the same document every time, in YAML and JSON', () => {
    const again = buildEventCatalogue(loadCatalogueSources());
    expect(catalogueYaml(again)).toBe(catalogueYaml(doc));
    expect(JSON.parse(catalogueJson(again))).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
