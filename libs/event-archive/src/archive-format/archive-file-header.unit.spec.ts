import { decodeArchiveFileHeader, encodeArchiveFileHeader } from './archive-file-header';
import { ArchiveFormatError } from '../errors';

const header = {
  kind: 'segment' as const,
  sequence: 123,
  from: '900/41',
  to: '905/57',
  eventCount: 16,
  createdAt: '2025-06-14T12:00:10.000Z',
  firstRecordedAt: '2025-06-14T12:00:01.123Z',
  lastRecordedAt: '2025-06-14T12:00:09.999Z',
};

describe('archive file header', () => {
  it('is one JSON line that names the format and version, and reads back as written', () => {
    const line = encodeArchiveFileHeader(header);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ format: 'frm-event-archive', formatVersion: 1 });
    expect(decodeArchiveFileHeader(line, 'segment-000123.ndjson.gz')).toEqual({ format: 'frm-event-archive', formatVersion: 1, ...header });
  });

  it('keeps positions beyond 2^53 exact, as strings', () => {
    const big = { ...header, to: '18446744073709551615/9007199254740993' };
    expect(decodeArchiveFileHeader(encodeArchiveFileHeader(big), 'f').to).toBe('18446744073709551615/9007199254740993');
  });

  it('allows no event times in an empty file', () => {
    const empty = { ...header, eventCount: 0, firstRecordedAt: null, lastRecordedAt: null };
    expect(decodeArchiveFileHeader(encodeArchiveFileHeader(empty), 'f')).toMatchObject({ eventCount: 0, firstRecordedAt: null });
  });

  it('refuses another format, a newer version and a broken position, naming the file', () => {
    expect(() => decodeArchiveFileHeader('{"format":"pg_dump"}', 'snapshot-000001.ndjson.gz')).toThrow(/snapshot-000001\.ndjson\.gz is not an event archive file/);
    const newer = JSON.stringify({ ...JSON.parse(encodeArchiveFileHeader(header)), formatVersion: 2 });
    expect(() => decodeArchiveFileHeader(newer, 'f')).toThrow(/format version 2; this code reads version 1/);
    const broken = encodeArchiveFileHeader({ ...header, from: '12' });
    expect(() => decodeArchiveFileHeader(broken, 'f')).toThrow(ArchiveFormatError);
    expect(() => decodeArchiveFileHeader('not json', 'f')).toThrow(/first line is not JSON/);
    expect(() => decodeArchiveFileHeader(encodeArchiveFileHeader({ ...header, eventCount: -1 }), 'f')).toThrow(/incomplete/);
  });
});
