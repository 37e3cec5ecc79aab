export type ConsumerState = 'stopped' | 'starting' | 'running' | 'retrying';

/** What operations tooling shows for one idempotent consumer. */
export interface ConsumerStatus {
  consumer: string;
  groupId: string;
  state: ConsumerState;
  /** Events handled (committed) since start. */
  handled: number;
  /** Redelivered events skipped because their id was already recorded. */
  duplicates: number;
  /** Messages sent to a dead-letter topic. */
  deadLettered: number;
  /** Why the last attempt failed; cleared when a batch completes. */
  lastError: string | undefined;
}
