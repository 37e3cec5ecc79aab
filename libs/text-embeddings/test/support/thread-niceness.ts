import { readFileSync } from 'node:fs';

/** The nice value of a thread of this process as the kernel holds it: field 19 of /proc/self/task/<tid>/stat. */
export function nicenessOfThread(tid: number | string): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
