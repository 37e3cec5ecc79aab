/** One delivered attempt, waiting to be recorded. */
export interface Delivered {
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly attempt: number;
  readonly at: Date;
  readonly statusCode: number;
  readonly durationMs: number;
}

/**
 * Gathers delivered attempts for a few milliseconds and records them in one statement: at thousands
 * of deliveries a second, a round trip each would cost more than the calls. One statement at a
 * time: what arrives while one is written goes into the next (two at once could lock the same
 * endpoints' rows in opposite orders and deadlock). Each caller's promise settles when its row is
 * written. If the process dies before that, the delivery's lease ends and it is sent again with the
 * same `webhook-id`, which receivers drop as a repeat.
 */
export class DeliveredBatch {
  private pending: Array<{ row: Delivered; settle: (error?: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private writing = false;

  constructor(
    private readonly write: (rows: readonly Delivered[]) => Promise<void>,
    private readonly maxRows = 64,
    private readonly maxWaitMs = 5,
  ) {}

  add(row: Delivered): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.writing) return;
      if (this.pending.length >= this.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing) return;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    this.writing = true;
    this.write(batch.map((entry) => entry.row))
      .then(
        () => batch.forEach((entry) => entry.settle()),
        (error: unknown) => batch.forEach((entry) => entry.settle(error ?? new Error('recording delivered attempts failed'))),
      )
      .finally(() => {
        this.writing = false;
        // What came in meanwhile goes at once: it has waited for a whole statement already.
        if (this.pending.length > 0) this.flush();
      });
  }
}
