import type { AllStreamResolvedEvent } from '@eventstore/db-client';

/** For unit tests: an event as a read of `$all` yields it, at log position `at`. */
export function allStreamEvent(at: number, type = 'frm.events.v1.VoteCast', streamId = 'vote-1-2'): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(at).padStart(12, '0')}`,
      isJson: true,
      revision: 0n,
      type,
      created: new Date(0),
      data: { at },
      metadata: undefined,
      position: { commit: BigInt(at), prepare: BigInt(at) },
    },
    commitPosition: BigInt(at),
  };
}

export const logPosition = (at: number) => ({ commit: BigInt(at), prepare: BigInt(at) });
