/**
 * Callers of tokens already verified, until the token expires or `maxAgeMs` passes, whichever is
 * first. Verifying a signature costs more than the rest of a forwarded call; a browser sends the
 * same token with every call. The age cap bounds how long a key withdrawn from the JWKS still
 * admits its tokens. Oldest entries go first when `maxEntries` is reached.
 */
export class VerifiedTokenCache<Value> {
  private readonly entries = new Map<string, { readonly value: Value; readonly validUntilMs: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(token: string, nowMs: number): Value | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.validUntilMs > nowMs) return entry.value;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAtMs`: the token's `exp`; a token without one is kept for `maxAgeMs`. */
  set(token: string, value: Value, nowMs: number, expiresAtMs?: number): void {
    const validUntilMs = Math.min(nowMs + this.maxAgeMs, expiresAtMs ?? Number.POSITIVE_INFINITY);
    if (validUntilMs <= nowMs) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { value, validUntilMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
