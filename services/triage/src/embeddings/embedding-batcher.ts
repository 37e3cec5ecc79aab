/** Embeds a batch of texts in one model call; one vector per text, in order. */
export type EmbedBatch = (texts: readonly string[]) => Promise<Float32Array[]>;

export interface EmbeddingBatcherOptions {
  /** Texts per model call at most. */
  readonly maxBatch: number;
  /**
   * The model's cost on an idle machine: a call costs `callMs + textMs × texts` (short texts:
   * 9 ms + 2.5 ms each). How much slower it runs now is learnt from each call.
   */
  readonly callMs: number;
  readonly textMs: number;
  /**
   * When the model is free but fewer than this many texts wait, it waits up to `gatherMs` for
   * more (never past a text's deadline). Off by default (1): texts that arrive while the model is
   * busy gather by themselves, and a search alone would only wait for company that is not coming.
   */
  readonly minBatch: number;
  readonly gatherMs: number;
  /**
   * The share of the time the model may compute, 0…1: after a call of d ms it rests d × (1/share − 1)
   * ms, leaving the processor to the searches themselves and to Postgres. 1 (the default): no rest;
   * on a loaded machine resting mostly made the next texts miss their deadlines, for about the same
   * latency (the deadlines already keep the model from working for searches that gave up).
   */
  readonly maxBusyShare: number;
  readonly now: () => number;
}

export const DEFAULT_BATCHER_OPTIONS: EmbeddingBatcherOptions = {
  maxBatch: 32,
  callMs: 9,
  textMs: 2.5,
  minBatch: 1,
  gatherMs: 0,
  maxBusyShare: 1,
  now: () => performance.now(),
};

interface Waiting {
  readonly text: string;
  readonly since: number;
  /** The latest time (options.now) a vector is still of use; Infinity: whenever it comes. */
  deadline: number;
  readonly waiters: Set<(outcome: Outcome) => void>;
}

type Outcome = { readonly vector: Float32Array | undefined } | { readonly error: Error };

// How far the learnt slowdown may go: a stuck estimate must neither promise the impossible nor refuse everything.
const SLOWDOWN_RANGE = { min: 0.5, max: 20 };
const SLOWDOWN_HALF_LIFE_MS = 1_000;

/**
 * Gathers the texts asked for while the model is busy and embeds them together as soon as it is
 * free: under load one call per batch, which for short texts costs about a third per text of one
 * call each. The same text asked twice is embedded once.
 *
 * Under more searches than the model can embed in time, it spends itself only on vectors that can
 * still arrive before their deadline: a text that could not (at the speed the model has shown
 * lately) gets `undefined` at once, so its search answers by wording without waiting, and a batch
 * is cut to what its most urgent text can wait for. A model busy with vectors nobody waits for any
 * more would take the processor from the searches themselves.
 */
export class EmbeddingBatcher {
  private readonly queued = new Map<string, Waiting>();
  private busy: { readonly started: number; readonly texts: number } | undefined;
  private waitingToStart: NodeJS.Timeout | undefined;
  /** The model rests until then (see maxBusyShare). */
  private restUntil = Number.NEGATIVE_INFINITY;
  /** How much slower than on an idle machine the model ran at its last call (1: as fast), and when. */
  private slowdown = 1;
  private measuredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly embedBatch: EmbedBatch,
    private readonly options: EmbeddingBatcherOptions = DEFAULT_BATCHER_OPTIONS,
  ) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) throw new RangeError(`maxBatch must be a whole number ≥ 1, got ${options.maxBatch}`);
    if (!(options.maxBusyShare > 0 && options.maxBusyShare <= 1)) throw new RangeError(`maxBusyShare must be above 0 and at most 1, got ${options.maxBusyShare}`);
  }

  /** Whether the model is free, resting from nothing, with no text waiting: a text asked for now starts at once. */
  get idle(): boolean {
    return !this.busy && !this.waitingToStart && this.queued.size === 0 && this.options.now() >= this.restUntil;
  }

  /** How many texts wait for the model (not counting the batch it is embedding). */
  get waiting(): number {
    return this.queued.size;
  }

  /**
   * The text's vector, or `undefined` if it could not be had by `deadline`; `withdraw` gives up
   * waiting for a text not sent to the model yet (one no one waits for any more is never sent).
   */
  request(text: string, deadline = Number.POSITIVE_INFINITY): { readonly vector: Promise<Float32Array | undefined>; withdraw(): void } {
    let waiter: ((outcome: Outcome) => void) | undefined;
    const vector = new Promise<Float32Array | undefined>((resolve, reject) => {
      waiter = (outcome) => ('vector' in outcome ? resolve(outcome.vector) : reject(outcome.error));
    });
    const own = waiter as (outcome: Outcome) => void;
    if (!this.queued.has(text) && this.expectedFinishOfNew() > deadline) {
      // Waiting would only delay the search: it answers without the vector at once.
      own({ vector: undefined });
      return { vector, withdraw: () => undefined };
    }
    const waiting = this.queued.get(text) ?? { text, since: this.options.now(), deadline, waiters: new Set() };
    waiting.deadline = Math.max(waiting.deadline, deadline);
    waiting.waiters.add(own);
    this.queued.set(text, waiting);
    this.next();
    return {
      vector,
      withdraw: () => {
        // Once sent, the vector comes anyway: whoever asked still gets it (and may keep it).
        if (this.queued.get(text) !== waiting) return;
        waiting.waiters.delete(own);
        if (waiting.waiters.size === 0) this.queued.delete(text);
      },
    };
  }

  /** The cost a call for this many texts is expected to have now. */
  costOf(texts: number): number {
    return this.slowdownNow() * (this.options.callMs + this.options.textMs * texts);
  }

  /**
   * The last slowdown measured, fading towards 1 with a half-life of a second: nothing measures the
   * model while every text is refused, so it is tried again about every second or two, and not more
   * often, since on a machine too busy for it each try costs the searches a core for nothing.
   */
  private slowdownNow(): number {
    const age = Math.max(0, this.options.now() - this.measuredAt);
    return 1 + (this.slowdown - 1) * 0.5 ** (age / SLOWDOWN_HALF_LIFE_MS);
  }

  /** When a text asked for now would have its vector: after the call under way, its rest, and the next call with the texts waiting. */
  private expectedFinishOfNew(): number {
    const now = this.options.now();
    if (this.queued.size >= this.options.maxBatch) return Number.POSITIVE_INFINITY;
    let freeAt = Math.max(now, this.restUntil);
    if (this.busy) {
      const duration = this.costOf(this.busy.texts);
      freeAt = Math.max(now, this.busy.started + duration + duration * (1 / this.options.maxBusyShare - 1));
    }
    return freeAt + this.costOf(this.queued.size + 1);
  }

  private next(): void {
    if (this.busy || this.waitingToStart || this.queued.size === 0) return;
    const wait = Math.max(this.restUntil - this.options.now(), this.gatherFor());
    if (wait > 0) {
      this.waitingToStart = setTimeout(() => {
        this.waitingToStart = undefined;
        this.next();
      }, wait);
      return;
    }
    const batch = this.nextBatch();
    if (batch.length === 0) return;
    const started = this.options.now();
    this.busy = { started, texts: batch.length };
    this.embedBatch(batch.map((waiting) => waiting.text))
      .then((vectors) => {
        if (vectors.length !== batch.length) throw new Error(`the model returned ${vectors.length} vectors for ${batch.length} texts`);
        const finished = this.options.now();
        this.learn(finished - started, batch.length);
        this.restUntil = finished + (finished - started) * (1 / this.options.maxBusyShare - 1);
        batch.forEach((waiting, i) => settle(waiting, { vector: vectors[i] as Float32Array }));
      })
      .catch((error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const waiting of batch) settle(waiting, { error: failure });
      })
      .finally(() => {
        this.busy = undefined;
        this.next();
      });
  }

  /** How long to wait for more texts before calling the model: 0 when enough wait, or the first has waited its share. */
  private gatherFor(): number {
    if (this.queued.size === 0 || this.queued.size >= this.options.minBatch) return 0;
    const now = this.options.now();
    let since = Number.POSITIVE_INFINITY;
    let deadline = Number.POSITIVE_INFINITY;
    for (const waiting of this.queued.values()) {
      since = Math.min(since, waiting.since);
      deadline = Math.min(deadline, waiting.deadline);
    }
    const untilGathered = since + this.options.gatherMs - now;
    const untilTooLate = deadline - this.costOf(this.options.minBatch) - now;
    return Math.max(0, Math.min(untilGathered, untilTooLate));
  }

  /** The waiting texts, most urgent first, that can all be embedded by the first one's deadline; too late ones get `undefined`. */
  private nextBatch(): Waiting[] {
    const now = this.options.now();
    const waiting = [...this.queued.values()].sort((a, b) => a.deadline - b.deadline);
    const batch: Waiting[] = [];
    for (const candidate of waiting) {
      if (now + this.costOf(1) > candidate.deadline) {
        this.queued.delete(candidate.text);
        settle(candidate, { vector: undefined });
        continue;
      }
      const first = batch[0] ?? candidate;
      if (batch.length === this.options.maxBatch || now + this.costOf(batch.length + 1) > first.deadline) break;
      batch.push(candidate);
    }
    for (const taken of batch) this.queued.delete(taken.text);
    return batch;
  }

  private learn(durationMs: number, texts: number): void {
    const measured = durationMs / (this.options.callMs + this.options.textMs * texts);
    // Slower quickly, faster by degrees: a call that came too late was paid for by the searches
    // (the processor it took); believing a fast one too soon would only make the next come late too.
    const now = this.slowdownNow();
    const weight = measured > now ? 0.5 : 0.2;
    this.slowdown = Math.min(SLOWDOWN_RANGE.max, Math.max(SLOWDOWN_RANGE.min, (1 - weight) * now + weight * measured));
    this.measuredAt = this.options.now();
  }
}

function settle(waiting: Waiting, outcome: Outcome): void {
  for (const waiter of waiting.waiters) waiter(outcome);
}
