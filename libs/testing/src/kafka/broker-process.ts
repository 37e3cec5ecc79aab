import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

// Checking the command line keeps a stale record from ever signalling a process that reused the pid.
export function isBrokerProcessAlive(pid: number, runDir: string): boolean {
  if (hasExited(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(runDir);
  } catch {
    return true;
  }
}

// A dying process loses its command line before it closes its sockets (and frees its ports), so
// only "gone" or "zombie" count as exited.
export function hasExited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!hasExited(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

export function signalBroker(pid: number, runDir: string, signal: NodeJS.Signals): void {
  if (!isBrokerProcessAlive(pid, runDir)) return;
  try {
    process.kill(pid, signal);
  } catch {
    // It exited between the check and the signal, which is what we wanted.
  }
}
