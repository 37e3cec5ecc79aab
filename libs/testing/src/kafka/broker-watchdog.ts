import { spawn } from 'node:child_process';

// A process that dies by a signal (a killed jest, a CI time-out) runs no exit handlers, so a JVM it
// started would outlive it. This shell outlives both: once the owner is gone it stops the broker and
// deletes its run directory. While the owner lives, a broker that stops was stopped on purpose (a
// restart, a failed start whose log must stay), so the watchdog just ends. It checks the broker's
// command line before signalling, in case the pid was reused.
const script = `
owner=$1; broker=$2; rundir=$3
is_broker() { tr '\\0' ' ' < /proc/$broker/cmdline 2>/dev/null | grep -qF -- "$rundir"; }
while kill -0 "$owner" 2>/dev/null && is_broker; do sleep 1; done
kill -0 "$owner" 2>/dev/null && exit 0
if is_broker; then
  kill -TERM "$broker" 2>/dev/null
  for _ in $(seq 1 30); do is_broker || break; sleep 1; done
  is_broker && kill -KILL "$broker" 2>/dev/null
fi
rm -rf -- "$rundir"
`;

export function watchBrokerOwner(ownerPid: number, brokerPid: number, runDir: string): void {
  const watchdog = spawn('sh', ['-c', script, 'frm-kafka-watchdog', String(ownerPid), String(brokerPid), runDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
}
