import { emptyCatalogue } from '../catalogue/catalogue';
import { entryFixture as entry } from '../catalogue/catalogue-entry.fixture';
import { addSegment, addSnapshot } from '../catalogue/chain-rules';
import { archiveAges } from './archive-ages';

describe('archive ages', () => {
  it('are infinite before anything was shipped, so an alert fires', () => {
    expect(archiveAges(undefined, new Date())).toEqual({ newestSnapshotSeconds: Infinity, newestSegmentSeconds: Infinity, caughtUpSeconds: Infinity });
  });

  it('count from when each newest file read its head, and from the last catch-up', () => {
    let catalogue = addSnapshot(emptyCatalogue(), entry('snapshot', 1, '0/0', '1/0', { createdAt: '2025-06-14T12:00:00.000Z' }));
    catalogue = addSegment(catalogue, entry('segment', 2, '1/0', '2/0', { createdAt: '2025-06-14T12:00:20.000Z' }));
    catalogue = { ...catalogue, caughtUpAt: '2025-06-14T12:00:30.000Z' };
    expect(archiveAges(catalogue, new Date('2025-06-14T12:00:35.500Z'))).toEqual({
      newestSnapshotSeconds: 35.5,
      newestSegmentSeconds: 15.5,
      caughtUpSeconds: 5.5,
    });
  });
});
