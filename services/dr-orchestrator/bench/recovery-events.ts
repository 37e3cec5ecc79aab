/**
 * The history for `npm run bench:recovery`: feature requests submitted over a year and votes cast on
 * them, as intake and voting record them (canonical proto3 JSON through toEventJson, command
 * metadata, one stream per request and per vote). Requests are spread evenly through the history;
 * each vote goes to a request already submitted, older ones more often (they had longer to gather
 * votes); one vote in ten weighs 0.25 (a brand-new account).
 */
import { randomUUID } from 'node:crypto';
import { mulberry32 } from '@frm/bench';
import { frmEventsV1, timestampFromDate, toEventJson, type EventMessageFns } from '@frm/contracts';
import { eventIdFor, type ImportedEvent, type JsonObject, type NewEvent } from '@frm/event-store';

const SUPPLIER_TYPES = ['', '', '', 'photographer', 'venue', 'florist', 'caterer', 'planner'];
const CATEGORIES = ['planning-tools', 'guest-management', 'payments', 'communication', 'supplier-tools'];
const VERBS = ['Export', 'Share', 'Sync', 'Print', 'Filter', 'Remind me about', 'Split', 'Track', 'Compare', 'Group'];
const NOUNS = ['the seating plan', 'the guest list', 'supplier invoices', 'the budget', 'RSVPs', 'the timeline', 'deposits', 'dietary needs', 'the playlist', 'quotes'];
/** Keyed hashes (HMAC-SHA-256, hex) of addresses, networks, devices and user agents: a pool shared by many voters, as on a real network. */
const HASH_POOL = 4_096;
const YEAR_MS = 365 * 86_400_000;

/** One event with the stream it goes to (revision 0: every request and every vote is a stream of its own). */
export interface BenchEvent {
  readonly streamId: string;
  readonly event: NewEvent;
}

export interface BenchRequest {
  readonly id: string;
  readonly authorId: string;
}


export class BenchHistory {
  readonly requests: BenchRequest[] = [];
  // Seeded: the same shape of history on every run.
  private readonly random = mulberry32(20_261_128);
  private readonly hashes: string[];

  /**
   * @param events how many events the history holds (requests and votes)
   * @param requestCount how many of them submit a feature request
   * @param endsAt when the last one was recorded; the first, a year before
   */
  constructor(
    readonly events: number,
    readonly requestCount: number,
    readonly endsAt: Date,
  ) {
    this.hashes = Array.from({ length: HASH_POOL }, (_, i) => (BigInt(Math.floor(this.random() * 2 ** 52)) * 4_096n + BigInt(i)).toString(16).padStart(64, '0'));
  }

  /** The history, in the order it was recorded, as an import takes it. */
  *imported(): Generator<ImportedEvent> {
    const start = this.endsAt.getTime() - YEAR_MS;
    for (let i = 0; i < this.events; i++) {
      const recordedAt = new Date(start + Math.floor((i * YEAR_MS) / this.events));
      const { streamId, event } = this.requestDueAt(i) ? this.submit(recordedAt) : this.vote(recordedAt);
      yield { id: event.id, streamId, revision: 0n, type: event.type, data: event.data, metadata: event.metadata ?? {}, recordedAt };
    }
  }

  /** What the live system records next: a vote, and now and then a new request. */
  next(at: Date): BenchEvent {
    return this.random() < 0.02 ? this.submit(at) : this.vote(at);
  }

  private requestDueAt(index: number): boolean {
    return this.requests.length < this.requestCount && index >= Math.floor((this.requests.length * this.events) / this.requestCount);
  }

  private submit(at: Date): BenchEvent {
    const request = { id: randomUUID(), authorId: randomUUID() };
    this.requests.push(request);
    const n = this.requests.length;
    const verb = VERBS[n % VERBS.length] as string;
    const noun = NOUNS[Math.floor(n / VERBS.length) % NOUNS.length] as string;
    return {
      streamId: `feature-request-${request.id}`,
      event: this.event(request.authorId, frmEventsV1.FeatureRequestSubmitted, {
        ...frmEventsV1.FeatureRequestSubmitted.fromPartial({}),
        featureRequestId: request.id,
        occurredAt: timestampFromDate(at),
        authorId: request.authorId,
        title: `${verb} ${noun} (${n})`,
        description: `Couples and suppliers keep asking for this: ${verb.toLowerCase()} ${noun} without copying it by hand, on the phone as well.`,
        category: CATEGORIES[n % CATEGORIES.length] as string,
        tags: ['wedding-day', noun.split(' ').at(-1) as string],
      }),
    };
  }

  private vote(at: Date): BenchEvent {
    const random = this.random;
    // Older requests had longer to gather votes: index ∝ u², most votes on the early ones.
    const request = this.requests[Math.floor(random() * random() * this.requests.length)] as BenchRequest;
    const voterId = randomUUID();
    const weight = random() < 0.1 ? 0.25 : 1;
    const hash = () => this.hashes[Math.floor(random() * HASH_POOL)] as string;
    return {
      streamId: `vote-${request.id}-${voterId}`,
      event: this.event(voterId, frmEventsV1.VoteCast, {
        ...frmEventsV1.VoteCast.fromPartial({}),
        voteId: randomUUID(),
        occurredAt: timestampFromDate(at),
        featureRequestId: request.id,
        voterId,
        weight,
        signals: { ipHash: hash(), networkHash: hash(), deviceFingerprintHash: hash(), userAgentHash: hash() },
        voterSupplierType: SUPPLIER_TYPES[Math.floor(random() * SUPPLIER_TYPES.length)] as string,
        voterAccountCreatedAt: timestampFromDate(new Date(at.getTime() - Math.floor(random() * YEAR_MS))),
        featureRequestAuthorId: request.authorId,
        tallyEffect: { counted: '1', flagged: '0', weighted: weight },
      }),
    };
  }

  /** As a command appends it (StreamCommandRunner): id from the command id, causation, actor, schema version, correlation id. */
  private event<T>(actor: string, fns: EventMessageFns<T>, message: T): NewEvent {
    const commandId = randomUUID();
    return {
      id: eventIdFor(commandId, 0),
      type: fns.$type,
      data: toEventJson(fns, message) as JsonObject,
      metadata: { causationId: commandId, actor, schemaVersion: 1, correlationId: randomUUID() },
    };
  }
}
