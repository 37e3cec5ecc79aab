import { randomUUID } from 'node:crypto';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, type EventStore, type JsonObject, type Position } from '@frm/event-store';

export interface Voter {
  /** The IANA zone of the voter's access token (tz); none: read in UTC. */
  readonly timeZone?: string;
  readonly id: string;
  /** Empty for a couple. */
  readonly supplierType?: string;
  readonly weight?: number;
}

/** Appends what intake, voting and compliance would: the facts the triage service follows, at the event times given. */
export class History {
  constructor(private readonly store: EventStore) {}

  private async append<T>(stream: string, fns: EventMessageFns<T>, message: T): Promise<Position> {
    const { position } = await this.store.appendToStream(stream, [{ id: eventIdFor(randomUUID(), 0), type: fns.$type, data: toEventJson(fns, message) as JsonObject }], { expectedRevision: 'any' });
    return position;
  }

  async submit(request: { readonly title: string; readonly description?: string; readonly category?: string; readonly tags?: string[]; readonly authorId?: string; readonly at?: Date }): Promise<string> {
    const featureRequestId = randomUUID();
    await this.append(`feature-request-${featureRequestId}`, frmEventsV1.FeatureRequestSubmitted, {
      ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(request.at ?? new Date()),
      authorId: request.authorId ?? randomUUID(),
      title: request.title,
      description: request.description ?? '',
      category: request.category ?? 'planning-tools',
      tags: request.tags ?? [],
    });
    return featureRequestId;
  }

  edit(featureRequestId: string, editorId: string, change: { readonly title?: string; readonly description?: string }, at = new Date()): Promise<Position> {
    return this.append(`feature-request-${featureRequestId}`, frmEventsV1.FeatureRequestEdited, {
      ...frmEventsV1.FeatureRequestEdited.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(at),
      editorId,
      ...change,
    });
  }

  /** A counted vote; returns its id. */
  async vote(featureRequestId: string, voter: Voter, at = new Date()): Promise<string> {
    const voteId = randomUUID();
    const weight = voter.weight ?? 1;
    await this.append(`vote-${featureRequestId}-${voter.id}`, frmEventsV1.VoteCast, {
      ...frmEventsV1.VoteCast.fromPartial({}),
      voteId,
      occurredAt: timestampFromDate(at),
      featureRequestId,
      voterId: voter.id,
      weight,
      voterSupplierType: voter.supplierType ?? '',
      voterTimeZone: voter.timeZone ?? '',
      tallyEffect: { counted: '1', flagged: '0', weighted: weight },
    });
    return voteId;
  }

  retract(featureRequestId: string, voteId: string, voter: Voter, at = new Date()): Promise<Position> {
    const weight = voter.weight ?? 1;
    return this.append(`vote-${featureRequestId}-${voter.id}`, frmEventsV1.VoteRetracted, {
      ...frmEventsV1.VoteRetracted.fromPartial({}),
      voteId,
      occurredAt: timestampFromDate(at),
      featureRequestId,
      voterId: voter.id,
      tallyEffect: { counted: '-1', flagged: '0', weighted: -weight },
    });
  }

  flag(featureRequestId: string, voteId: string, voter: Voter, at = new Date()): Promise<Position> {
    const weight = voter.weight ?? 1;
    return this.append(`vote-${featureRequestId}-${voter.id}`, frmEventsV1.VoteFlagged, {
      ...frmEventsV1.VoteFlagged.fromPartial({}),
      voteId,
      occurredAt: timestampFromDate(at),
      featureRequestId,
      voterId: voter.id,
      tallyEffect: { counted: '-1', flagged: '1', weighted: -weight },
    });
  }

  rice(featureRequestId: string, inputs: { reach: number; impact: number; confidence: number; effort: number; affectsWeddingDayOperations?: boolean }, at = new Date()): Promise<Position> {
    return this.append(`triage-rice-${featureRequestId}`, frmEventsV1.TriageRiceInputsSet, {
      ...frmEventsV1.TriageRiceInputsSet.fromPartial({}),
      featureRequestId,
      occurredAt: timestampFromDate(at),
      actorId: randomUUID(),
      ...inputs,
      affectsWeddingDayOperations: inputs.affectsWeddingDayOperations ?? false,
    });
  }

  erase(subjectId: string): Promise<Position> {
    return this.append(`data-subject-${subjectId}`, frmEventsV1.SubjectErased, {
      ...frmEventsV1.SubjectErased.fromPartial({}),
      subjectId,
      occurredAt: timestampFromDate(new Date()),
    });
  }
}
