import { emptyCatalogue, type Catalogue } from './catalogue';
import { entryFixture as entry } from './catalogue-entry.fixture';
import { addSegment, addSnapshot } from './chain-rules';
import { planRestore } from './restore-plan';

function archive(): Catalogue {
  let catalogue = addSnapshot(emptyCatalogue(), entry('snapshot', 1, '0/0', '1/0'));
  catalogue = addSegment(catalogue, entry('segment', 2, '1/0', '2/0'));
  catalogue = addSegment(catalogue, entry('segment', 3, '2/0', '3/0'));
  // The snapshot at 2/0 was written while segment 3 shipped, so it came later.
  catalogue = addSnapshot(catalogue, entry('snapshot', 4, '0/0', '2/0'));
  return addSegment(catalogue, entry('segment', 5, '3/0', '4/0'));
}

const names = (catalogue: Catalogue, options = {}) => planRestore(catalogue, options).files.map((file) => file.name);

describe('restore plan', () => {
  it('takes the newest snapshot and every segment from its point on', () => {
    expect(names(archive())).toEqual(['snapshot-000004.ndjson.gz', 'segment-000003.ndjson.gz', 'segment-000005.ndjson.gz']);
  });

  it('can start from an older snapshot, rolling forward through the same chain', () => {
    expect(names(archive(), { snapshot: 'snapshot-000001.ndjson.gz' })).toEqual([
      'snapshot-000001.ndjson.gz',
      'segment-000002.ndjson.gz',
      'segment-000003.ndjson.gz',
      'segment-000005.ndjson.gz',
    ]);
  });

  it('can stop at a named file, to leave out a damaged segment and what follows', () => {
    expect(names(archive(), { until: 'segment-000003.ndjson.gz' })).toEqual(['snapshot-000004.ndjson.gz', 'segment-000003.ndjson.gz']);
    expect(names(archive(), { until: 'snapshot-000004.ndjson.gz' })).toEqual(['snapshot-000004.ndjson.gz']);
    expect(() => names(archive(), { until: 'segment-000002.ndjson.gz' })).toThrow(/is not a segment after snapshot snapshot-000004/);
  });

  it('says which snapshots there are when the named one is not one, and refuses an archive without any', () => {
    expect(() => names(archive(), { snapshot: 'segment-000002.ndjson.gz' })).toThrow(
      'segment-000002.ndjson.gz is not a snapshot of this archive; the snapshots are snapshot-000001.ndjson.gz, snapshot-000004.ndjson.gz',
    );
    expect(() => names(emptyCatalogue())).toThrow(/holds no snapshot yet/);
  });
});
