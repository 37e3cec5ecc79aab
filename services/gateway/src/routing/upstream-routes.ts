import { Client, credentials } from '@grpc/grpc-js';

/** Where each gRPC service runs: `package.Service` → `host:port`. */
export type RouteTable = Readonly<Record<string, string>>;

// Clients of a local service share one connection; their messages are bounded by the gateway's limit.
const CHANNEL_OPTIONS = { 'grpc.max_send_message_length': 1024 * 1024, 'grpc.max_receive_message_length': 4 * 1024 * 1024 };

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
