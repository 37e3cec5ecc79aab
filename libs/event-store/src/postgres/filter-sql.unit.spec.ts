import { filterCondition, prefixPattern } from './filter-sql';

describe('event filters in SQL', () => {
  it('escapes LIKE wildcards so a prefix matches only itself', () => {
    expect(prefixPattern('frm.events.v1.Vote')).toBe('frm.events.v1.Vote%');
    expect(prefixPattern('a_b%c\\')).toBe('a\\_b\\%c\\\\%');
  });

  it('numbers its parameters after the query’s own and combines type and stream prefixes', () => {
    expect(filterCondition({ eventTypePrefixes: ['A', 'B'], streamPrefixes: ['s-'] }, 4)).toEqual({
      sql: 'event_type like any($4::text[]) and stream_id like any($5::text[])',
      params: [['A%', 'B%'], ['s-%']],
    });
  });

  it('lets everything through without prefixes', () => {
    expect(filterCondition(undefined, 4)).toBeUndefined();
    expect(filterCondition({ eventTypePrefixes: [] }, 4)).toBeUndefined();
  });
});
