import { ScalarType } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { EventSchemaViolation } from './event-schema-violation.error';
import { EVENTS_PACKAGE, loadEventSchemaRegistry } from './event-schema-registry';
import { messageSample } from './message-sample.arbitrary';
import * as frmEventsV1 from './generated/index.frm.events.v1';
import { toEventJson } from './event-json';
import { requireEventFns, requireMessage } from './spec-support';

const registry = loadEventSchemaRegistry();

const voteCast = {
  voteId: '6f1c1b9e-3f55-4f0e-9a53-2f4c3f8f6a01',
  occurredAt: '2026-06-20T14:30:00.123456789Z',
  featureRequestId: 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d',
  voterId: 'c0ffee00-0000-4000-8000-000000000001',
  weight: 0.5,
  signals: { ipHash: 'k3Yh', networkHash: 'n3t', deviceFingerprintHash: 'd3v', userAgentHash: 'u4' },
  voterSupplierType: 'photographer',
};

function violationOf(action: () => unknown): EventSchemaViolation {
  try {
    action();
  } catch (error) {
    if (error instanceof EventSchemaViolation) return error;
    throw error;
  }
  throw new Error('expected an EventSchemaViolation, nothing was thrown');
}

describe('event types', () => {
  it('are the top-level messages of frm.events.v1, nested parts excluded', () => {
    expect(registry.eventTypes()).toEqual([
      'frm.events.v1.FeatureRequestCommentAdded',
      'frm.events.v1.FeatureRequestDuplicateSuspected',
      'frm.events.v1.FeatureRequestEdited',
      'frm.events.v1.FeatureRequestMerged',
      'frm.events.v1.FeatureRequestStatusChanged',
      'frm.events.v1.FeatureRequestSubmitted',
      'frm.events.v1.FeatureRequestUnmerged',
      'frm.events.v1.RecipientFollowed',
      'frm.events.v1.RecipientNotificationsRead',
      'frm.events.v1.RecipientPreferencesUpdated',
      'frm.events.v1.RecipientUnfollowed',
      'frm.events.v1.SubjectConsentRecorded',
      'frm.events.v1.SubjectConsentWithdrawn',
      'frm.events.v1.SubjectErased',
      'frm.events.v1.TriageRiceInputsSet',
      'frm.events.v1.VoteCast',
      'frm.events.v1.VoteFlagged',
      'frm.events.v1.VoteMoved',
      'frm.events.v1.VoteMovedBack',
      'frm.events.v1.VoteRestored',
      'frm.events.v1.VoteRetracted',
      'frm.events.v1.VoteReviewed',
      'frm.events.v1.WebhookCreated',
      'frm.events.v1.WebhookDeleted',
      'frm.events.v1.WebhookDisabled',
    ]);
    expect(registry.has('frm.events.v1.VoteCast')).toBe(true);
    expect(registry.has('frm.events.v1.VoteCast.Signals')).toBe(false);
    expect(registry.has('frm.v1.FeatureRequest')).toBe(false);
  });

  it('split into families by type prefix', () => {
    const featureRequests = registry.eventTypes('frm.events.v1.FeatureRequest');
    const votes = registry.eventTypes('frm.events.v1.Vote');
    const subjects = registry.eventTypes('frm.events.v1.Subject');
    const recipients = registry.eventTypes('frm.events.v1.Recipient');
    const webhooks = registry.eventTypes('frm.events.v1.Webhook');
    const triage = registry.eventTypes('frm.events.v1.Triage');

    expect(featureRequests).toHaveLength(7);
    expect(votes).toHaveLength(7);
    expect(subjects).toHaveLength(3);
    expect(recipients).toHaveLength(4);
    expect(webhooks).toHaveLength(3);
    expect(triage).toHaveLength(1);
    expect([...featureRequests, ...votes, ...subjects, ...recipients, ...triage, ...webhooks].sort()).toEqual(registry.eventTypes());
  });

  it.each(registry.eventTypes())('%s carries its aggregate id as field 1 and occurred_at as field 2', (eventType) => {
    const [aggregateId, occurredAt] = requireMessage(eventType).fields;

    expect(aggregateId).toMatchObject({ number: 1, fieldKind: 'scalar', scalar: ScalarType.STRING });
    expect(aggregateId.name).toMatch(/_id$/);
    expect(occurredAt).toMatchObject({ number: 2, name: 'occurred_at', fieldKind: 'message' });
    expect(occurredAt.message?.typeName).toBe('google.protobuf.Timestamp');
  });

  it('all live in the events package', () => {
    expect(registry.eventTypes().every((eventType) => eventType.startsWith(`${EVENTS_PACKAGE}.`))).toBe(true);
  });
});

describe('validate', () => {
  it('accepts canonical proto3 JSON', () => {
    expect(() => registry.validate('frm.events.v1.VoteCast', voteCast)).not.toThrow();
    expect(() => registry.validate('frm.events.v1.VoteRetracted', {})).not.toThrow();
  });

  it.each(registry.eventTypes())('accepts any %s in canonical JSON', (eventType) => {
    const fns = requireEventFns(eventType);
    fc.assert(
      fc.property(messageSample(requireMessage(eventType), { full: false }), (event) => {
        registry.validate(eventType, toEventJson(fns, event));
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    ['an unknown field', { ...voteCast, ipAddress: '192.0.2.1' }, 'ipAddress', /unknown field/],
    ['a proto field name', { ...voteCast, vote_id: 'x' }, 'vote_id', /spell it "voteId"/],
    ['a wrong type', { ...voteCast, weight: 'heavy' }, 'weight', /expected a number, got "heavy"/],
    ['a wrong type deep down', { ...voteCast, signals: { ipHash: 42 } }, 'signals.ipHash', /expected a string, got 42/],
    ['an unknown field deep down', { ...voteCast, signals: { ip: 'x' } }, 'signals.ip', /unknown field/],
    ['a null', { ...voteCast, voterId: null }, 'voterId', /null/],
    ['an object where a string belongs', { ...voteCast, voterId: { id: 1 } }, 'voterId', /expected a string/],
    ['a timestamp that is not RFC 3339', { ...voteCast, occurredAt: 'yesterday' }, 'occurredAt', /RFC 3339/],
    ['a timestamp that is not UTC', { ...voteCast, occurredAt: '2026-06-20T16:30:00+02:00' }, 'occurredAt', /UTC/],
    ['a timestamp as an object', { ...voteCast, occurredAt: { seconds: '1', nanos: 0 } }, 'occurredAt', /RFC 3339/],
  ])('refuses %s, naming the field', (_case, data, field, reason) => {
    const violation = violationOf(() => registry.validate('frm.events.v1.VoteCast', data));

    expect(violation).toBeInstanceOf(Error);
    expect(violation.name).toBe('EventSchemaViolation');
    expect(violation).toMatchObject({ eventType: 'frm.events.v1.VoteCast', field });
    expect(violation.message).toContain('frm.events.v1.VoteCast');
    expect(violation.message).toContain(`"${field}"`);
    expect(violation.message).toMatch(reason);
  });

  it.each([
    ['an enum number', 1, /expected one of VOTE_REVIEW_DECISION_UNSPECIFIED/],
    ['an unknown enum name', 'VOTE_REVIEW_DECISION_SHRUG', /got "VOTE_REVIEW_DECISION_SHRUG"/],
  ])('refuses %s', (_case, decision, reason) => {
    const violation = violationOf(() => registry.validate('frm.events.v1.VoteReviewed', { decision }));

    expect(violation).toMatchObject({ field: 'decision' });
    expect(violation.message).toMatch(reason);
  });

  it('refuses a wrong type inside a list, naming the item', () => {
    const data = { signals: [{ kind: 'FRAUD_SIGNAL_KIND_BURST' }, { score: 'high' }] };
    const violation = violationOf(() => registry.validate('frm.events.v1.VoteFlagged', data));

    expect(violation).toMatchObject({ field: 'signals[1].score' });
  });

  it.each([[[]], ['a string'], [null], [42]])('refuses %j as event data', (data) => {
    const violation = violationOf(() => registry.validate('frm.events.v1.VoteCast', data));

    expect(violation.field).toBeUndefined();
    expect(violation.message).toMatch(/^frm\.events\.v1\.VoteCast: expected an object/);
  });

  it.each(['frm.events.v1.VoteCasted', 'frm.events.v1.VoteCast.Signals', 'frm.v1.FeatureRequest', ''])(
    'refuses the unknown event type %j, naming it',
    (eventType) => {
      const violation = violationOf(() => registry.validate(eventType, {}));

      expect(violation).toMatchObject({ eventType, field: undefined });
      expect(violation.message).toBe(`${eventType}: unknown event type: not a message of frm.events.v1`);
    },
  );
});

describe('binary form', () => {
  it('round-trips to the same canonical JSON', () => {
    const bytes = registry.toBinary('frm.events.v1.VoteCast', voteCast);

    expect(registry.fromBinary('frm.events.v1.VoteCast', bytes)).toEqual(voteCast);
  });

  it.each(registry.eventTypes())('round-trips any %s', (eventType) => {
    const fns = requireEventFns(eventType);
    fc.assert(
      fc.property(messageSample(requireMessage(eventType), { full: false }), (event) => {
        const json = toEventJson(fns, event);
        expect(registry.fromBinary(eventType, registry.toBinary(eventType, json))).toEqual(json);
      }),
      { numRuns: 25 },
    );
  });

  it('is what ts-proto decodes (Kafka consumers may use either)', () => {
    const decoded = frmEventsV1.VoteCast.decode(registry.toBinary('frm.events.v1.VoteCast', voteCast));

    expect(decoded).toMatchObject({ voteId: voteCast.voteId, weight: 0.5, signals: voteCast.signals });
    expect(decoded.occurredAt).toEqual({ seconds: '1781965800', nanos: 123456789 });
  });

  it('refuses to encode invalid JSON', () => {
    expect(() => registry.toBinary('frm.events.v1.VoteCast', { weight: 'heavy' })).toThrow(EventSchemaViolation);
  });

  it('refuses bytes that are not a message', () => {
    const violation = violationOf(() => registry.fromBinary('frm.events.v1.VoteCast', Uint8Array.of(0xff, 0xff, 0xff)));

    expect(violation.message).toMatch(/^frm\.events\.v1\.VoteCast: bytes do not decode/);
  });
});
