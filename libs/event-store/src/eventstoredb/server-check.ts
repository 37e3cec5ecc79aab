import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import { DatabaseUnavailableError } from '@frm/postgres';
import { readToArray } from './read-to-array';
import { describeUnreachable } from './server-unreachable';

const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Reads the newest record of `$all`: the server answers, and lets this client read what
 * subscriptions need. Reads have no deadline in the client, hence the timer.
 */
export async function assertServerAnswers(client: EventStoreDBClient, target: string): Promise<void> {
  const read = client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ANSWER_TIMEOUT_MS / 1000} s`)), ANSWER_TIMEOUT_MS);
  });
  try {
    await Promise.race([readToArray(read), timedOut]);
  } catch (error) {
    await read.cancel().catch(() => undefined);
    throw new DatabaseUnavailableError(describeUnreachable(target, error), error);
  } finally {
    clearTimeout(timer);
  }
}
