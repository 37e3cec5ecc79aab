import { featureRequestIdFrom } from './merge-target';
import { parseTags } from './tags';

describe('parseTags', () => {
  it('turns comma-separated words into intake’s tag form', () => {
    expect(parseTags('Seating plan, guests,  RSVP  ')).toEqual(['seating-plan', 'guests', 'rsvp']);
  });

  it('drops empty entries and repeats', () => {
    expect(parseTags(' , seating,,Seating , ')).toEqual(['seating']);
    expect(parseTags('')).toEqual([]);
  });
});

describe('featureRequestIdFrom', () => {
  const id = '0b9a4c1e-3f7d-4e2a-9c55-1d2e3f4a5b6c';

  it('finds the id in a pasted id or page link', () => {
    expect(featureRequestIdFrom(` ${id} `)).toBe(id);
    expect(featureRequestIdFrom(`http://127.0.0.1:8080/requests/${id.toUpperCase()}?from=board`)).toBe(id);
  });

  it('finds none in anything else', () => {
    expect(featureRequestIdFrom('the seating one')).toBeUndefined();
    expect(featureRequestIdFrom('0b9a4c1e-3f7d')).toBeUndefined();
  });
});
