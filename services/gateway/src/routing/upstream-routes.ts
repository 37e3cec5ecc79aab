import { Client, credentials } from '@grpc/grpc-js';

/** Where each gRPC service runs: `package.Service` → `host:port`. */
export type RouteTable = Readonly<Record<string, string>>;

/**
 * Clients of a local service share one HTTP/2 connection; their messages are bounded by the
 * gateway's limit. The connection's receive window is raised from HTTP/2's 64 KB: every call's
 * answer shares it, so at 64 KB some ten pages of the board (20 requests each) were on the wire at
 * once, and the rest waited for the gateway's event loop to read and acknowledge them. When a surge
 * began on a busy machine those waits queued every call of the service behind its list pages
 * (bench:surge: p95 of the surge's first second 3-5 s in half of the runs; with the wider window
 * 0.3-1.4 s).
 */
const CHANNEL_OPTIONS = {
  'grpc.max_send_message_length': 1024 * 1024,
  'grpc.max_receive_message_length': 4 * 1024 * 1024,
  'grpc-node.flow_control_window': 16 * 1024 * 1024,
};

/** One gRPC channel per upstream service, made once and reused for every call. */
export class UpstreamRoutes {
  private readonly clients = new Map<string, Client>();

  constructor(routes: RouteTable) {
    for (const [service, address] of Object.entries(routes)) {
      this.clients.set(service, new Client(address, credentials.createInsecure(), CHANNEL_OPTIONS));
    }
  }

  /** Every routed service (`package.Service`) with its client. */
  entries(): [service: string, client: Client][] {
    return [...this.clients.entries()];
  }

  /** The client of the service `package.Service`, or `undefined` when none runs behind this gateway. */
  clientFor(service: string): Client | undefined {
    return this.clients.get(service);
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}
