import { readFileSync } from 'node:fs';

// Linux reports utime and stime in clock ticks; USER_HZ is 100 on every architecture Node runs on.
const TICK_MS = 10;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; undefined where
 * there is no /proc. Per-operation CPU of each process is the figure that survives a noisy machine.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/**
 * CPU ms per operation of each named process over `run` and the work it left behind (subscribers
 * catching up: counted until the processes go quiet, at most `settleMs`), the bench process included.
 */
export async function cpuPerOperation<T>(pids: Readonly<Record<string, number | undefined>>, operations: number, run: () => Promise<T>, settleMs = 10_000): Promise<{ result: T; cpuMsPerOperation: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processCpuMs(pid)]));
  const own = process.cpuUsage();
  const result = await run();
  const ownUsed = process.cpuUsage(own);
  await untilQuiet(Object.values(pids), settleMs);
  const cpuMsPerOperation: Record<string, number> = { bench: round((ownUsed.user + ownUsed.system) / 1000 / operations) };
  for (const [name, pid] of Object.entries(pids)) {
    const start = before[name];
    const end = processCpuMs(pid);
    if (start !== undefined && end !== undefined) cpuMsPerOperation[name] = round((end - start) / operations);
  }
  return { result, cpuMsPerOperation };
}

async function untilQuiet(pids: readonly (number | undefined)[], settleMs: number): Promise<void> {
  const total = () => pids.reduce((sum: number, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  const deadline = Date.now() + settleMs;
  let last = total();
  while (Date.now() < deadline) {
    await new Promise((wake) => setTimeout(wake, 250));
    const now = total();
    // Idle processes still tick now and then (timers, heartbeats): a tick or two per interval is quiet.
    if (now - last <= 2 * TICK_MS) return;
    last = now;
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;
