import { percentile } from '@frm/bench';

export interface CallRecord {
  readonly operation: string;
  readonly code: string;
  /** From when the call was due (open loop), so queueing is counted. */
  readonly latencyMs: number;
  /** `performance.now()` when it ended. */
  readonly endedAt: number;
}

export interface LoadFigures {
  /** Calls due in the window, answered by now; their latencies and codes are the figures below. */
  readonly calls: number;
  readonly seconds: number;
  /** Calls answered per second within the window (any code), and OK ones per second. */
  readonly perSecond: number;
  readonly okPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly codes: Record<string, number>;
  readonly byOperation: Record<string, { calls: number; p95Ms: number; codes: Record<string, number> }>;
}

/** Every call of a load run, with figures over any window of it. */
export class LoadRecorder {
  private readonly records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
  }

  /** Every call so far, in the order they ended. */
  all(): readonly CallRecord[] {
    return this.records;
  }

  /** The calls that ended in [from, to) (`performance.now()` times). */
  between(from: number, to = Number.POSITIVE_INFINITY): CallRecord[] {
    return this.records.filter((record) => record.endedAt >= from && record.endedAt < to);
  }

  /** The calls that were due in [from, to), however late they were answered. */
  dueBetween(from: number, to = Number.POSITIVE_INFINITY): CallRecord[] {
    return this.records.filter((record) => record.endedAt - record.latencyMs >= from && record.endedAt - record.latencyMs < to);
  }

  /** Latencies and codes of the calls due in the window; throughput of the answers within it. */
  figures(from: number, to: number): LoadFigures {
    const end = Math.min(to, performance.now());
    const answered = this.between(from, end);
    const seconds = (end - from) / 1000;
    return figuresOf(this.dueBetween(from, end), seconds, { all: answered.length / seconds, ok: answered.filter((record) => record.code === 'OK').length / seconds });
  }
}

export function figuresOf(records: readonly CallRecord[], seconds: number, answeredPerSecond?: { all: number; ok: number }): LoadFigures {
  const latencies = records.map((record) => record.latencyMs);
  const byOperation: LoadFigures['byOperation'] = {};
  for (const operation of new Set(records.map((record) => record.operation))) {
    const own = records.filter((record) => record.operation === operation);
    byOperation[operation] = { calls: own.length, p95Ms: round(percentile(own.map((record) => record.latencyMs), 95)), codes: countCodes(own) };
  }
  const codes = countCodes(records);
  return {
    calls: records.length,
    seconds: round(seconds),
    perSecond: round(answeredPerSecond?.all ?? records.length / seconds),
    okPerSecond: round(answeredPerSecond?.ok ?? (codes['OK'] ?? 0) / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.reduce((a, b) => Math.max(a, b), 0)),
    codes,
    byOperation,
  };
}

export function countCodes(records: readonly Pick<CallRecord, 'code'>[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const record of records) codes[record.code] = (codes[record.code] ?? 0) + 1;
  return codes;
}

/** The codes other than OK, for a progress line: `UNAVAILABLE 3, INTERNAL 1`, or `none`. */
export function errorCodesText(codes: Record<string, number>): string {
  const errors = Object.entries(codes).filter(([code]) => code !== 'OK');
  return errors.length === 0 ? 'none' : errors.map(([code, count]) => `${code} ${count}`).join(', ');
}

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 10) / 10 : value;
}
