import { v5 as uuidv5 } from 'uuid';

const MOVE_NAMESPACE = '7a4d1c93-2e6b-4f05-8c17-b39e0d5a6f21';

/**
 * The ids of what a merge (or its undoing) does to one vote, derived from the merge's event and the
 * vote, so that a replay or a retry of the merge mover repeats nothing.
 */
export const mergeMoveIds = {
  /** The vote that carries it on at the target; the merge's id is in it, so a request merged, unmerged and merged again brings a new vote each time. */
  targetVote: (mergeEventId: string, voteId: string, targetId: string) => uuidv5(`moved\n${mergeEventId}\n${voteId}\n${targetId}`, MOVE_NAMESPACE),
  move: (mergeEventId: string, voteId: string) => uuidv5(`move\n${mergeEventId}\n${voteId}`, MOVE_NAMESPACE),
  arrive: (mergeEventId: string, voteId: string) => uuidv5(`arrive\n${mergeEventId}\n${voteId}`, MOVE_NAMESPACE),
  sendBack: (unmergeEventId: string, voteId: string) => uuidv5(`send back\n${unmergeEventId}\n${voteId}`, MOVE_NAMESPACE),
  restore: (unmergeEventId: string, voteId: string) => uuidv5(`restore\n${unmergeEventId}\n${voteId}`, MOVE_NAMESPACE),
};
