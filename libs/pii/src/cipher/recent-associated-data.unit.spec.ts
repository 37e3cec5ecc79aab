import { fieldAssociatedData } from '../format/encrypted-field';
import { RecentAssociatedData } from './recent-associated-data';

describe('RecentAssociatedData', () => {
  const binding = { subjectId: 's', keyId: 'k', streamId: 'feature-request-1', field: 'body' };

  it('gives the bytes of fieldAssociatedData for every binding, the same buffer again for the same binding', () => {
    const recent = new RecentAssociatedData();
    const first = recent.of(binding);
    expect(first.equals(fieldAssociatedData(binding))).toBe(true);
    expect(recent.of({ ...binding })).toBe(first);
    for (const other of [{ ...binding, subjectId: 't' }, { ...binding, keyId: 'l' }, { ...binding, streamId: 'feature-request-2' }, { ...binding, field: 'title' }]) {
      const bytes = recent.of(other);
      expect(bytes).not.toBe(first);
      expect(bytes.equals(fieldAssociatedData(other))).toBe(true);
    }
    expect(recent.of(binding).equals(first)).toBe(true);
  });
});
