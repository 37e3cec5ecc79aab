/** The part of a paused object-mode `Readable` the queue uses. */
export interface ItemStream {
  read(): unknown;
  readonly readableLength: number;
  on(event: 'readable' | 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Reads a paused object-mode stream in batches: `take` returns what is buffered without waiting,
 * `waitForMore` sleeps until more may be there. Whatever is not taken stays in the stream, whose
 * high-water mark then holds back the source — the backpressure a slow handler needs.
 */
export class ReadableQueue<T> {
  private wake: () => void = () => undefined;
  private failure: { error: unknown } | undefined;
  private finished = false;

  constructor(private readonly source: ItemStream) {
    source.on('readable', () => this.wake());
    source.on('end', () => this.finish());
    source.on('close', () => this.finish());
    // Listening also keeps a late error (after the consumer left) from crashing the process.
    source.on('error', (error) => {
      this.failure ??= { error };
      this.wake();
    });
  }

  /** True once the stream ended or closed and everything buffered was taken. */
  get ended(): boolean {
    return this.finished && this.source.readableLength === 0;
  }

  /** Up to `max` buffered items, oldest first; throws the error that broke the stream. */
  take(max: number): T[] {
    if (this.failure) throw this.failure.error;
    const items: T[] = [];
    while (items.length < max) {
      const item = this.source.read() as T | null;
      if (item === null) break;
      items.push(item);
    }
    return items;
  }

  /** Resolves when more items may be buffered, the stream ended or failed, or on {@link interrupt}. */
  waitForMore(): Promise<void> {
    if (this.finished || this.failure) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = () => undefined;
        resolve();
      };
    });
  }

  interrupt(): void {
    this.wake();
  }

  private finish(): void {
    this.finished = true;
    this.wake();
  }
}
