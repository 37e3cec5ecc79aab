import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { readDescriptorImage } from '@frm/contracts';

export type UntypedUnary = (
  request: Record<string, unknown>,
  options?: { headers?: Record<string, string>; signal?: AbortSignal },
) => Promise<Record<string, unknown>>;

/** The RPCs the simulation calls, as a browser calls them: gRPC-web (connect-es, binary, HTTP/1.1) through the gateway. */
export interface GatewayClients {
  readonly submitFeatureRequest: UntypedUnary;
  readonly castVote: UntypedUnary;
  readonly getTally: UntypedUnary;
  readonly listFlaggedVotes: UntypedUnary;
}

export function gatewayClients(gatewayAddress: string): GatewayClients {
  const transport = createGrpcWebTransport({ baseUrl: `http://${gatewayAddress}`, httpVersion: '1.1' });
  const intake = clientOf('frm.v1.IntakeService', transport);
  const voting = clientOf('frm.v1.VotingService', transport);
  return {
    submitFeatureRequest: rpc(intake, 'submitFeatureRequest'),
    castVote: rpc(voting, 'castVote'),
    getTally: rpc(voting, 'getTally'),
    listFlaggedVotes: rpc(voting, 'listFlaggedVotes'),
  };
}

/** The token header of a call. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function clientOf(name: string, transport: ReturnType<typeof createGrpcWebTransport>): Record<string, UntypedUnary> {
  const service = readDescriptorImage().getService(name);
  if (!service) throw new Error(`${name} is not in the descriptor image; run npm run proto:generate`);
  // Built from the descriptor image, the client's type knows no method names.
  return createClient(service, transport) as unknown as Record<string, UntypedUnary>;
}

function rpc(client: Record<string, UntypedUnary>, name: string): UntypedUnary {
  const method = client[name];
  if (!method) throw new Error(`the descriptor image has no RPC ${name}`);
  return method;
}
