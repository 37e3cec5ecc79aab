import { randomUUID } from 'node:crypto';
import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { readDescriptorImage } from '@frm/contracts';
import { signAccessToken, type Role } from '@frm/gateway';

type UntypedUnary = (request: Record<string, unknown>, options?: { headers?: Record<string, string> }) => Promise<Record<string, unknown>>;

const intakeService = readDescriptorImage().getService('frm.v1.IntakeService');
const votingService = readDescriptorImage().getService('frm.v1.VotingService');

/**
 * Someone using the platform as a browser does: a gRPC-web client (connect-es, binary, HTTP/1.1) of
 * the gateway, built from the contracts' descriptor image, with an access token for a fresh subject.
 */
export class GatewayUser {
  private readonly client: Record<string, UntypedUnary>;
  private readonly votingClient: Record<string, UntypedUnary>;

  constructor(
    gatewayAddress: string,
    private readonly secret: string,
    readonly roles: readonly Role[] = ['couple'],
    readonly subject: string = randomUUID(),
  ) {
    if (!intakeService) throw new Error('frm.v1.IntakeService is not in the descriptor image; run npm run proto:generate');
    const transport = createGrpcWebTransport({ baseUrl: `http://${gatewayAddress.replace(/^http:\/\//, '')}`, httpVersion: '1.1' });
    // Built from the descriptor image, the client's type knows no method names; the tests name them.
    this.client = createClient(intakeService, transport) as unknown as Record<string, UntypedUnary>;
    if (!votingService) throw new Error('frm.v1.VotingService is not in the descriptor image; run npm run proto:generate');
    this.votingClient = createClient(votingService, transport) as unknown as Record<string, UntypedUnary>;
  }

  /** Calls `rpc` (lowerCamelCase, as connect-es names it) with this user's token and any extra headers. */
  async call(rpc: string, request: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const token = await signAccessToken({ sub: this.subject, roles: this.roles }, this.secret);
    const method = this.client[rpc];
    if (!method) throw new Error(`frm.v1.IntakeService has no RPC ${rpc}`);
    return method(request, { headers: { ...headers, authorization: `Bearer ${token}` } });
  }

  /** Calls an RPC of frm.v1.VotingService, as {@link call} does. */
  async callVoting(rpc: string, request: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const token = await signAccessToken({ sub: this.subject, roles: this.roles, claims: { account_created_at: Math.floor(Date.now() / 1000) - 400 * 86_400 } }, this.secret);
    const method = this.votingClient[rpc];
    if (!method) throw new Error(`frm.v1.VotingService has no RPC ${rpc}`);
    return method(request, { headers: { ...headers, authorization: `Bearer ${token}` } });
  }
}
