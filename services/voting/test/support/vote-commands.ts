import { randomUUID } from 'node:crypto';
import type { CastVote } from '../../src/votes/domain';

/**
 * A CastVote as the cast handler would append it, for tests that write to the event store
 * themselves (while the service is down, or to stand for a race the handler cannot be made to lose).
 */
export function castVoteCommand(featureRequestId: string, voterId: string, overrides: Partial<CastVote> = {}): CastVote {
  return {
    kind: 'CastVote',
    voteId: randomUUID(),
    featureRequestId,
    voterId,
    at: new Date(),
    weight: 1,
    signals: { ipHash: `ip-${voterId}`, networkHash: `net-${voterId}`, deviceHash: `device-${voterId}`, userAgentHash: 'ua' },
    voterSupplierType: '',
    voterAccountCreatedAt: new Date('2024-01-01T00:00:00Z'),
    featureRequestAuthorId: randomUUID(),
    voterTimeZone: '',
    ...overrides,
  };
}
