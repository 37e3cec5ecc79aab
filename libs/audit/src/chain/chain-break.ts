/** Why an entry breaks the chain. */
export type ChainProblem =
  /** Its stored hash is not the hash of its content: a field was changed after it was written. */
  | 'content_hash_mismatch'
  /** Its previous hash is not the hash of the entry before: an entry was changed, replaced or moved. */
  | 'previous_hash_mismatch'
  /** Its sequence is not one more than the entry before: entries were removed or reordered. */
  | 'sequence_gap';

/** The first entry at which a chain stops verifying. */
export interface ChainBreak {
  readonly sequence: number;
  readonly problem: ChainProblem;
  readonly expected: string;
  readonly found: string;
  /** One line for people: the entry, what is wrong and what it means. */
  readonly message: string;
}

export function describeChainBreak(log: string, sequence: number, problem: ChainProblem, expected: string, found: string): ChainBreak {
  const what = {
    content_hash_mismatch: `its content hashes to ${expected} but its stored hash is ${found}: the entry was changed after it was written`,
    previous_hash_mismatch: `its previous hash is ${found} but the entry before hashes to ${expected}: an entry was changed, replaced or moved`,
    sequence_gap: `expected sequence ${expected} but found ${found}: entries were removed or reordered`,
  }[problem];
  return { sequence, problem, expected, found, message: `audit log "${log}" is broken at entry ${sequence}: ${what}` };
}
