import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

// A run killed by a signal runs no exit handler, so what it started would outlive it. This shell
// outlives it instead: once the owner is gone it SIGKILLs the pids listed in the pid file (each only
// if its command line still holds the text recorded with it, in case the pid was reused), runs the
// stop command (pg_ctl stop) and deletes the scratch directories.
const script = `
owner=$1; pidfile=$2; shift 2
stop=""; dirs=""
while [ "$#" -gt 0 ]; do
  if [ "$1" = "--dir" ]; then dirs="$dirs $2"; shift 2; else stop="$stop $1"; shift; fi
done
while kill -0 "$owner" 2>/dev/null; do sleep 1; done
while read -r pid mark; do
  [ -n "$pid" ] && tr '\\0' ' ' < /proc/$pid/cmdline 2>/dev/null | grep -qF -- "$mark" && kill -KILL "$pid" 2>/dev/null
done < "$pidfile"
# Twice: a pg_ctl restart the owner left running may start the server again after the first stop.
[ -n "$stop" ] && { $stop >/dev/null 2>&1; sleep 3; $stop >/dev/null 2>&1; }
# A run that kept its data for a look inside leaves a .keep file beside the pid file.
[ -e "$pidfile.keep" ] || for dir in $dirs; do rm -rf -- "$dir"; done
rm -f -- "$pidfile"
`;

/**
 * Cleans up after this process even when it is killed with SIGKILL: the child pids it records with
 * {@link OwnerWatchdog.track}, a stop command, scratch directories.
 */
export class OwnerWatchdog {
  private readonly pids = new Map<number, string>();

  constructor(
    private readonly pidFile: string,
    stopCommand: readonly string[],
    directories: readonly string[],
  ) {
    writeFileSync(pidFile, '');
    const args = [String(process.pid), pidFile, ...stopCommand, ...directories.flatMap((dir) => ['--dir', dir])];
    const watchdog = spawn('sh', ['-c', script, 'frm-chaos-watchdog', ...args], { detached: true, stdio: 'ignore' });
    watchdog.on('error', () => undefined);
    watchdog.unref();
  }

  /** `mark`: a word of its command line (no spaces), checked before the kill. */
  track(pid: number | undefined, mark: string): void {
    if (pid === undefined) return;
    this.pids.set(pid, mark);
    this.save();
  }

  forget(pid: number | undefined): void {
    if (pid === undefined) return;
    this.pids.delete(pid);
    this.save();
  }

  /** The directories stay when the owner is gone (the pid file's `.keep` sibling says so). */
  keepDirectories(): void {
    writeFileSync(`${this.pidFile}.keep`, '');
  }

  private save(): void {
    writeFileSync(this.pidFile, [...this.pids].map(([pid, mark]) => `${pid} ${mark}\n`).join(''));
  }
}
