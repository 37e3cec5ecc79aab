import { dateFromTimestamp, frmEventsV1, fromStoredEventJson, timestampFromDate, toEventJson, type EventMessageFns, type Timestamp } from '@frm/contracts';
import type { JsonObject, RecordedEvent } from '@frm/event-store';
import { FRAUD_KINDS, type FraudEvidence, type FraudKind, type ReviewDecision, type TallyEffect, type VoteEvent, type VoteHold } from '../domain';

/** Every vote event type starts with this: the filter of the votes projection and of the detectors. */
export const VOTE_EVENT_PREFIX = 'frm.events.v1.Vote';

const KIND_PREFIX = 'FRAUD_SIGNAL_KIND_';
const DECISION_PREFIX = 'VOTE_REVIEW_DECISION_';
const HOLDS: Readonly<Record<VoteHold, frmEventsV1.VoteHold>> = {
  no: frmEventsV1.VoteHold.VOTE_HOLD_NONE,
  flagged: frmEventsV1.VoteHold.VOTE_HOLD_FLAGGED,
  confirmed_fraud: frmEventsV1.VoteHold.VOTE_HOLD_CONFIRMED_FRAUD,
};

/** A vote event as the event store keeps it: canonical proto3 JSON of its `frm.events.v1` message. */
export function encodeVoteEvent(event: VoteEvent): { type: string; data: JsonObject } {
  const base = {
    voteId: event.voteId,
    occurredAt: timestampFromDate(event.occurredAt),
    featureRequestId: event.featureRequestId,
    voterId: event.voterId,
    tallyEffect: { counted: String(event.tallyEffect.counted), flagged: String(event.tallyEffect.flagged), weighted: event.tallyEffect.weighted },
  };
  const encoded = <T>(fns: EventMessageFns<T>, message: T) => ({ type: fns.$type, data: toEventJson(fns, message) as JsonObject });
  switch (event.type) {
    case 'VoteCast':
      return encoded(frmEventsV1.VoteCast, {
        ...base,
        weight: event.weight,
        signals: {
          ipHash: event.signals.ipHash,
          networkHash: event.signals.networkHash,
          deviceFingerprintHash: event.signals.deviceHash,
          userAgentHash: event.signals.userAgentHash,
        },
        voterSupplierType: event.voterSupplierType,
        voterAccountCreatedAt: event.voterAccountCreatedAt ? timestampFromDate(event.voterAccountCreatedAt) : null,
        featureRequestAuthorId: event.featureRequestAuthorId,
        movedFromVoteId: event.movedFromVoteId,
        voterTimeZone: event.voterTimeZone,
      } as frmEventsV1.VoteCast);
    case 'VoteRetracted':
      return encoded(frmEventsV1.VoteRetracted, base as frmEventsV1.VoteRetracted);
    case 'VoteFlagged':
      return encoded(frmEventsV1.VoteFlagged, {
        ...base,
        signals: event.evidence.map((item) => ({
          kind: `${KIND_PREFIX}${item.kind.toUpperCase()}` as frmEventsV1.FraudSignalKind,
          score: item.score,
          explanation: item.explanation,
          relatedVoteIds: [...item.relatedVoteIds],
        })),
      } as frmEventsV1.VoteFlagged);
    case 'VoteReviewed':
      return encoded(frmEventsV1.VoteReviewed, {
        ...base,
        reviewerId: event.reviewerId,
        decision: `${DECISION_PREFIX}${event.decision.toUpperCase()}` as frmEventsV1.VoteReviewDecision,
        reason: event.reason,
      } as frmEventsV1.VoteReviewed);
    case 'VoteMoved':
      return encoded(frmEventsV1.VoteMoved, {
        ...base,
        targetFeatureRequestId: event.targetFeatureRequestId,
        targetVoteId: event.targetVoteId,
        targetAlreadyVoted: event.targetAlreadyVoted,
        flagged: event.flagged,
        weight: event.weight,
      } as frmEventsV1.VoteMoved);
    case 'VoteMovedBack':
      return encoded(frmEventsV1.VoteMovedBack, {
        ...base,
        sourceFeatureRequestId: event.sourceFeatureRequestId,
        sourceVoteId: event.sourceVoteId,
        weight: event.weight,
        hold: HOLDS[event.held],
        reviewed: event.reviewed,
      } as frmEventsV1.VoteMovedBack);
    case 'VoteRestored':
      return encoded(frmEventsV1.VoteRestored, {
        ...base,
        weight: event.weight,
        hold: HOLDS[event.held],
        reviewed: event.reviewed,
      } as frmEventsV1.VoteRestored);
  }
}

/** The vote event of a stored one; `undefined` for a type of the family this build does not know. */
export function decodeVoteEvent(recorded: Pick<RecordedEvent, 'type' | 'data'>): VoteEvent | undefined {
  switch (recorded.type) {
    case frmEventsV1.VoteCast.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteCast, recorded.data);
      return {
        type: 'VoteCast',
        ...baseOf(e),
        weight: e.weight,
        signals: {
          ipHash: e.signals?.ipHash ?? '',
          networkHash: e.signals?.networkHash ?? '',
          deviceHash: e.signals?.deviceFingerprintHash ?? '',
          userAgentHash: e.signals?.userAgentHash ?? '',
        },
        voterSupplierType: e.voterSupplierType,
        voterAccountCreatedAt: e.voterAccountCreatedAt ? dateFromTimestamp(e.voterAccountCreatedAt) : undefined,
        featureRequestAuthorId: e.featureRequestAuthorId,
        movedFromVoteId: e.movedFromVoteId,
        voterTimeZone: e.voterTimeZone,
      };
    }
    case frmEventsV1.VoteRetracted.$type:
      return { type: 'VoteRetracted', ...baseOf(fromStoredEventJson(frmEventsV1.VoteRetracted, recorded.data)) };
    case frmEventsV1.VoteFlagged.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteFlagged, recorded.data);
      return { type: 'VoteFlagged', ...baseOf(e), evidence: e.signals.map(evidenceOf) };
    }
    case frmEventsV1.VoteReviewed.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteReviewed, recorded.data);
      const decision = String(e.decision).slice(DECISION_PREFIX.length).toLowerCase();
      if (decision !== 'clear' && decision !== 'confirm_fraud') throw new Error(`${recorded.type} has no known decision: ${String(e.decision)}`);
      return { type: 'VoteReviewed', ...baseOf(e), reviewerId: e.reviewerId, decision: decision as ReviewDecision, reason: e.reason };
    }
    case frmEventsV1.VoteMoved.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteMoved, recorded.data);
      return {
        type: 'VoteMoved',
        ...baseOf(e),
        targetFeatureRequestId: e.targetFeatureRequestId,
        targetVoteId: e.targetVoteId,
        targetAlreadyVoted: e.targetAlreadyVoted,
        flagged: e.flagged,
        weight: e.weight,
      };
    }
    case frmEventsV1.VoteMovedBack.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteMovedBack, recorded.data);
      return {
        type: 'VoteMovedBack',
        ...baseOf(e),
        sourceFeatureRequestId: e.sourceFeatureRequestId,
        sourceVoteId: e.sourceVoteId,
        weight: e.weight,
        held: holdOf(e.hold, recorded.type),
        reviewed: e.reviewed,
      };
    }
    case frmEventsV1.VoteRestored.$type: {
      const e = fromStoredEventJson(frmEventsV1.VoteRestored, recorded.data);
      return { type: 'VoteRestored', ...baseOf(e), weight: e.weight, held: holdOf(e.hold, recorded.type), reviewed: e.reviewed };
    }
    default:
      return undefined;
  }
}

interface EncodedBase {
  voteId: string;
  occurredAt: Timestamp | null;
  featureRequestId: string;
  voterId: string;
  tallyEffect: { counted: string | number; flagged: string | number; weighted: number } | null;
}

function baseOf(e: EncodedBase) {
  if (!e.occurredAt) throw new Error('a vote event without occurred_at');
  const effect: TallyEffect = e.tallyEffect
    ? { counted: Number(e.tallyEffect.counted), flagged: Number(e.tallyEffect.flagged), weighted: e.tallyEffect.weighted }
    : { counted: 0, flagged: 0, weighted: 0 };
  return { voteId: e.voteId, occurredAt: dateFromTimestamp(e.occurredAt), featureRequestId: e.featureRequestId, voterId: e.voterId, tallyEffect: effect };
}

function holdOf(hold: frmEventsV1.VoteHold, type: string): VoteHold {
  const held = (Object.keys(HOLDS) as VoteHold[]).find((name) => HOLDS[name] === hold);
  if (!held) throw new Error(`${type} has no known hold: ${String(hold)}`);
  return held;
}

function evidenceOf(signal: frmEventsV1.VoteFlagged_FraudSignal): FraudEvidence {
  const kind = String(signal.kind).slice(KIND_PREFIX.length).toLowerCase();
  return {
    kind: (FRAUD_KINDS as readonly string[]).includes(kind) ? (kind as FraudKind) : 'rate_abuse',
    score: signal.score,
    explanation: signal.explanation,
    relatedVoteIds: signal.relatedVoteIds,
  };
}
