import { GrpcMethod } from '@nestjs/microservices';
import { rpcNameOf } from './rpc-access.guard';

class Handlers {
  @GrpcMethod('frm.v1.VotingService', 'castVote')
  castVote(): string {
    return 'cast';
  }

  @GrpcMethod('frm.v1.IntakeService', 'GetFeatureRequest')
  getFeatureRequest(): string {
    return 'got';
  }

  notAnRpc(): string {
    return 'none';
  }
}

describe('rpcNameOf', () => {
  const handlers = Handlers.prototype;

  it('names a handler as the access table does, whichever case it was registered in', () => {
    expect(rpcNameOf(handlers.castVote)).toBe('frm.v1.VotingService/CastVote');
    expect(rpcNameOf(handlers.getFeatureRequest)).toBe('frm.v1.IntakeService/GetFeatureRequest');
  });

  it('gives a method that is no RPC a name that no table holds', () => {
    expect(rpcNameOf(handlers.notAnRpc)).toBe('unregistered handler');
  });
});
