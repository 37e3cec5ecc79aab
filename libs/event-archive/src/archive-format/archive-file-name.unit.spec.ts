import { archiveFileName, parseArchiveFileName } from './archive-file-name';

describe('archive file names', () => {
  it('carry the kind and a zero-padded sequence number, and read back', () => {
    expect(archiveFileName('segment', 123)).toBe('segment-000123.ndjson.gz');
    expect(archiveFileName('snapshot', 1_234_567)).toBe('snapshot-1234567.ndjson.gz');
    expect(parseArchiveFileName('segment-000123.ndjson.gz')).toEqual({ kind: 'segment', sequence: 123 });
  });

  it('leave other names alone', () => {
    expect(parseArchiveFileName('catalogue.json')).toBeUndefined();
    expect(parseArchiveFileName('segment-12.ndjson.gz')).toBeUndefined();
    expect(() => archiveFileName('segment', 0)).toThrow(RangeError);
  });
});
