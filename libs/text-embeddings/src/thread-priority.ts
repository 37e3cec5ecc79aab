import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Where the calling thread's priority was set, or why it was not. */
export type ThreadPriority = { readonly tid: number; readonly niceness: number } | { readonly unchangedBecause: string };

/**
 * Gives the calling thread a nice value of its own. On Linux a thread is a task with its own
 * scheduling priority, and setpriority(2) given a thread id changes that thread alone; the
 * thread's id is the last part of `/proc/thread-self`. Elsewhere (or where raising the value is
 * refused) the thread keeps the process's priority, and the answer says why.
 */
export function setThisThreadsNiceness(niceness: number): ThreadPriority {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  } catch {
    return { unchangedBecause: 'this system has no /proc/thread-self (not Linux)' };
  }
  try {
    setPriority(tid, niceness);
    return { tid, niceness };
  } catch (error) {
    return { unchangedBecause: `setpriority refused: ${error instanceof Error ? error.message : String(error)}` };
  }
}
