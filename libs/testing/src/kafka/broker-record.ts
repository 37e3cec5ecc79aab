import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// broker.json is the one source of truth for the broker's current process, so that whoever restarts
// the broker (a jest worker, the CLI) and whoever stops it later (the global teardown) agree on it.
export interface BrokerRecord {
  clusterId: string;
  brokerPort: number;
  controllerPort: number;
  // null while the broker is stopped.
  pid: number | null;
  // The process whose end takes the broker down; null for a broker that outlives its starter (the CLI's).
  ownerPid: number | null;
}

export function brokerRecordPath(runDir: string): string {
  return join(runDir, 'broker.json');
}

export function readBrokerRecord(runDir: string): BrokerRecord | undefined {
  const path = brokerRecordPath(runDir);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as BrokerRecord;
}

export function writeBrokerRecord(runDir: string, record: BrokerRecord): void {
  const path = brokerRecordPath(runDir);
  // Rename is atomic: a reader never sees half a file.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
