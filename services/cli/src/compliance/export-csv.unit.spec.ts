import { csvOf, csvTableOf } from './export-csv';

describe('csvTableOf', () => {
  it('makes the columns the union of the keys in the order first seen, with holes for missing ones', () => {
    const table = csvTableOf([{ id: 1, title: 'Seating' }, { id: 2, tags: ['a'], title: 'Menus' }, { extra: true }]);
    expect(table.columns).toEqual(['id', 'title', 'tags', 'extra']);
    expect(table.rows).toEqual([
      [1, 'Seating', undefined, undefined],
      [2, 'Menus', ['a'], undefined],
      [undefined, undefined, undefined, true],
    ]);
  });

  it('has no columns and no rows for no records', () => {
    expect(csvTableOf([])).toEqual({ columns: [], rows: [] });
  });
});

describe('csvOf', () => {
  it('writes RFC 4180: a header, CRLF line ends, quotes around commas, quotes and line breaks, doubled quotes', () => {
    const csv = csvOf(csvTableOf([{ title: 'Seating, tables', body: 'She said "yes"\nthen left' }, { title: 'Plain' }]));
    expect(csv).toBe('title,body\r\n"Seating, tables","She said ""yes""\nthen left"\r\nPlain,\r\n');
  });

  it('writes nested values as JSON text, booleans as words and null as an empty cell', () => {
    const csv = csvOf(csvTableOf([{ target: { type: 'subject', id: 's1' }, tags: ['a', 'b'], bulk: false, weight: -1.5, gone: null }]));
    expect(csv).toBe('target,tags,bulk,weight,gone\r\n"{""type"":""subject"",""id"":""s1""}","[""a"",""b""]",false,-1.5,\r\n');
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(csvOf(csvTableOf([{ title: '=HYPERLINK("x")' }]))).toBe('title\r\n"\'=HYPERLINK(""x"")"\r\n');
  });
});
