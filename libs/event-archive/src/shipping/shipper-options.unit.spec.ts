import type { EventStore } from '@frm/event-store';
import type { BackupStore } from '../backup-store/backup-store.port';
import { resolveShipperOptions } from './shipper-options';

const stores = { eventStore: {} as EventStore, backupStore: {} as BackupStore };

describe('shipper options', () => {
  it('default to a segment every 10 s, a snapshot every 15 min and 4 snapshots kept', () => {
    expect(resolveShipperOptions(stores)).toMatchObject({ segmentIntervalMs: 10_000, snapshotIntervalMs: 900_000, keepSnapshots: 4 });
  });

  it('refuse a segment interval that would break the 30 s recovery point promise', () => {
    expect(() => resolveShipperOptions({ ...stores, segmentIntervalMs: 31_000 })).toThrow(/at most 30000 ms, or a restore could lose more than the promised 30 s/);
    expect(() => resolveShipperOptions({ ...stores, segmentIntervalMs: 0 })).toThrow(RangeError);
    expect(() => resolveShipperOptions({ ...stores, keepSnapshots: 0 })).toThrow(/keep at least 1 snapshot/);
    expect(() => resolveShipperOptions({ ...stores, snapshotIntervalMs: 1_000 })).toThrow(/at least segmentIntervalMs/);
  });
});
