import { emptyCatalogue, type Catalogue } from './catalogue';
import { entryFixture as entry } from './catalogue-entry.fixture';
import { addSegment, addSnapshot, assertCatalogueChains } from './chain-rules';
import { chooseRetained } from './retention';

/** Snapshots at 1/0, 3/0, 5/0 and 7/0, a segment between each chain point, and one after the last snapshot. */
function archive(): Catalogue {
  let catalogue = addSnapshot(emptyCatalogue(), entry('snapshot', 1, '0/0', '1/0'));
  let sequence = 2;
  for (let point = 1; point < 8; point++) {
    catalogue = addSegment(catalogue, entry('segment', sequence++, `${point}/0`, `${point + 1}/0`));
    if (point % 2 === 0) catalogue = addSnapshot(catalogue, entry('snapshot', sequence++, '0/0', `${point + 1}/0`));
  }
  return catalogue;
}

describe('retention', () => {
  it('keeps the newest snapshots and every segment after the oldest kept one', () => {
    const { catalogue, dropped } = chooseRetained(archive(), 2);
    expect(catalogue.snapshots.map((s) => s.to)).toEqual(['5/0', '7/0']);
    expect(catalogue.segments.map((s) => `${s.from}-${s.to}`)).toEqual(['5/0-6/0', '6/0-7/0', '7/0-8/0']);
    expect(dropped.map((d) => d.name)).toEqual([
      'snapshot-000001.ndjson.gz',
      'snapshot-000004.ndjson.gz',
      'segment-000002.ndjson.gz',
      'segment-000003.ndjson.gz',
      'segment-000005.ndjson.gz',
      'segment-000006.ndjson.gz',
    ]);
    expect(() => assertCatalogueChains(catalogue)).not.toThrow();
  });

  it('drops nothing while there are no more snapshots than it keeps', () => {
    const full = archive();
    expect(chooseRetained(full, 4)).toEqual({ catalogue: full, dropped: [] });
    expect(() => chooseRetained(full, 0)).toThrow(/at least 1/);
  });
});
