import { ArchiveChainError } from '../errors';
import { emptyCatalogue, type Catalogue } from './catalogue';
import { entryFixture as entry } from './catalogue-entry.fixture';
import { addSegment, addSnapshot, assertCatalogueChains, chainEnd, chainPoints } from './chain-rules';

function archive(): Catalogue {
  let catalogue = addSnapshot(emptyCatalogue(), entry('snapshot', 1, '0/0', '10/5'));
  catalogue = addSegment(catalogue, entry('segment', 2, '10/5', '12/9'));
  return addSegment(catalogue, entry('segment', 3, '12/9', '15/20'));
}

describe('the archive chain', () => {
  it('starts with a snapshot at any head, then each segment starts where the one before ended', () => {
    const catalogue = archive();
    expect(chainEnd(catalogue)).toBe('15/20');
    expect(chainPoints(catalogue)).toEqual(['10/5', '12/9', '15/20']);
    expect(() => assertCatalogueChains(catalogue)).not.toThrow();
  });

  it('refuses a segment before any snapshot', () => {
    expect(() => addSegment(emptyCatalogue(), entry('segment', 1, '0/0', '1/1'))).toThrow(/an archive starts with a snapshot/);
  });

  it('refuses a gap and an overlap, saying which', () => {
    expect(() => addSegment(archive(), entry('segment', 4, '16/1', '17/1'))).toThrow(
      'Segment segment-000004.ndjson.gz starts after 16/1 but the archive ends at 15/20: the events in between would be missing; ship segments from the catalogue\'s end',
    );
    expect(() => addSegment(archive(), entry('segment', 4, '12/9', '17/1'))).toThrow(/it would repeat events/);
  });

  it('refuses a segment with an empty range, and a second file with the same name or number', () => {
    expect(() => addSegment(archive(), entry('segment', 4, '15/20', '15/20'))).toThrow(/not after its start/);
    expect(() => addSegment(archive(), entry('segment', 3, '15/20', '16/1'))).toThrow(/already lists/);
  });

  it('takes a later snapshot only at a point of the chain, from the start of the store', () => {
    const catalogue = addSnapshot(archive(), entry('snapshot', 4, '0/0', '12/9'));
    expect(catalogue.snapshots.map((s) => s.to)).toEqual(['10/5', '12/9']);
    expect(() => addSnapshot(archive(), entry('snapshot', 5, '0/0', '13/0'))).toThrow(/not where a segment of the archive ends/);
    expect(() => addSnapshot(archive(), entry('snapshot', 5, '10/5', '15/20'))).toThrow(/holds every event from the start/);
  });

  it('finds the first broken link when a catalogue is read back', () => {
    const broken = archive();
    broken.segments[1] = entry('segment', 3, '12/10', '15/20');
    expect(() => assertCatalogueChains(broken)).toThrow(ArchiveChainError);
    expect(() => assertCatalogueChains(broken)).toThrow(/segment-000003\.ndjson\.gz starts after 12\/10 but segment-000002\.ndjson\.gz before it ends at 12\/9/);
    expect(() => assertCatalogueChains({ ...emptyCatalogue(), segments: [entry('segment', 1, '0/0', '1/1')] })).toThrow(/no snapshot/);
  });
});
