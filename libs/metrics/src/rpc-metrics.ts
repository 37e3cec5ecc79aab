import { Counter, Histogram, type Registry } from 'prom-client';
import { grpcCodeName } from './grpc-code-name';
import { registeredOnce } from './registered-once';

/** The `rpc` label of a call whose method is not one of the known RPCs. */
export const UNKNOWN_RPC_LABEL = 'unknown';

/** Seconds; from a cache hit (a few ms) to a call that runs into a typical deadline. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RpcMetricsOptions {
  /** Starts every metric's name: `frm_gateway` gives `frm_gateway_rpc_duration_seconds`. */
  readonly prefix: string;
  /**
   * The RPCs (`package.Service/Method`) that get a label of their own. Absent: every RPC observed
   * does — only for a caller that sees registered methods only (a gRPC server's interceptor).
   */
  readonly rpcs?: Iterable<string>;
}

/**
 * Latency and count of RPCs, labelled by RPC and gRPC code name. Labels stay bounded whatever
 * clients send: a method path that is not a known RPC is counted as {@link UNKNOWN_RPC_LABEL}.
 */
export class RpcMetrics {
  private readonly duration: Histogram<'rpc' | 'code'>;
  private readonly calls: Counter<'rpc' | 'code'>;
  private readonly knownRpcs: ReadonlySet<string> | undefined;

  constructor(registry: Registry, options: RpcMetricsOptions) {
    this.knownRpcs = options.rpcs ? new Set(options.rpcs) : undefined;
    const durationName = `${options.prefix}_rpc_duration_seconds`;
    const callsName = `${options.prefix}_rpc_calls_total`;
    this.duration = registeredOnce(registry, durationName, () => new Histogram({
      name: durationName,
      help: 'Time from the start of an RPC to its status, by RPC and gRPC code',
      labelNames: ['rpc', 'code'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }));
    this.calls = registeredOnce(registry, callsName, () => new Counter({
      name: callsName,
      help: 'RPCs finished, by RPC and gRPC code',
      labelNames: ['rpc', 'code'],
      registers: [registry],
    }));
  }

  /** Records one finished call of `rpc` (`package.Service/Method`) that ended with `code` after `seconds`. */
  observe(rpc: string, code: number, seconds: number): void {
    const labels = { rpc: !this.knownRpcs || this.knownRpcs.has(rpc) ? rpc : UNKNOWN_RPC_LABEL, code: grpcCodeName(code) };
    this.duration.observe(labels, seconds);
    this.calls.inc(labels);
  }

  /** Starts timing a call of `rpc`; the function returned records it with the code it ended with. */
  startCall(rpc: string): (code: number) => void {
    const started = process.hrtime.bigint();
    return (code) => this.observe(rpc, code, Number(process.hrtime.bigint() - started) / 1e9);
  }
}
