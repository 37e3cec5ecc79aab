interface Counted {
  readonly request: Buffer;
  count: number;
}

/**
 * The requests this process answered lately and how often (the last one to two windows): the
 * answers worth reading again as soon as a change made them stale.
 */
export class RecentReads {
  private current = new Map<string, Counted>();
  private previous = new Map<string, Counted>();
  private windowEndsAt: number;

  constructor(
    private readonly windowMs: number,
    private readonly maxTracked = 2_000,
  ) {
    this.windowEndsAt = Date.now() + windowMs;
  }

  note(request: Uint8Array): void {
    this.rotate();
    const id = Buffer.from(request).toString('base64');
    const counted = this.current.get(id);
    if (counted) counted.count += 1;
    else if (this.current.size < this.maxTracked) this.current.set(id, { request: Buffer.from(request), count: 1 });
  }

  has(request: Uint8Array): boolean {
    this.rotate();
    const id = Buffer.from(request).toString('base64');
    return this.current.has(id) || this.previous.has(id);
  }

  mostRead(count: number): Buffer[] {
    this.rotate();
    const totals = new Map<string, Counted>();
    for (const window of [this.previous, this.current]) {
      for (const [id, counted] of window) totals.set(id, { request: counted.request, count: (totals.get(id)?.count ?? 0) + counted.count });
    }
    return [...totals.values()]
      .sort((a, b) => b.count - a.count)
      .slice(0, count)
      .map((counted) => counted.request);
  }

  private rotate(): void {
    const now = Date.now();
    if (now < this.windowEndsAt) return;
    this.previous = now < this.windowEndsAt + this.windowMs ? this.current : new Map();
    this.current = new Map();
    this.windowEndsAt = now + this.windowMs;
  }
}
