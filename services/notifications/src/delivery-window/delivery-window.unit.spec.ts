import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_QUIET_HOURS, deliveryTimeFor, InvalidDeliveryWindowError, type DeliveryWindow, type LocalTime } from './delivery-window';

const rome: DeliveryWindow = { timeZone: 'Europe/Rome', quietHours: DEFAULT_QUIET_HOURS };
/** An instant given as a local wall time in `zone`. */
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const asLocal = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('deliveryTimeFor', () => {
  it('delivers at once outside quiet hours', () => {
    const at = local('2026-06-10T15:00', 'Europe/Rome');
    expect(deliveryTimeFor(at, rome)).toEqual(at);
  });

  it('holds a message that comes in the evening until 08:00 the next morning, in the person’s zone', () => {
    expect(asLocal(deliveryTimeFor(local('2026-06-10T22:30', 'Europe/Rome'), rome), 'Europe/Rome')).toBe('2026-06-11T08:00');
    expect(asLocal(deliveryTimeFor(local('2026-06-11T06:59', 'Europe/Rome'), rome), 'Europe/Rome')).toBe('2026-06-11T08:00');
    // The same instant is afternoon in New York: no waiting there.
    const sameInstant = local('2026-06-10T22:30', 'Europe/Rome');
    expect(deliveryTimeFor(sameInstant, { timeZone: 'America/New_York', quietHours: DEFAULT_QUIET_HOURS })).toEqual(sameInstant);
  });

  it('treats the start of the quiet hours as quiet and their end as not', () => {
    expect(asLocal(deliveryTimeFor(local('2026-06-10T21:00', 'Europe/Rome'), rome), 'Europe/Rome')).toBe('2026-06-11T08:00');
    const end = local('2026-06-11T08:00', 'Europe/Rome');
    expect(deliveryTimeFor(end, rome)).toEqual(end);
  });

  it('supports quiet hours within one day and none at all', () => {
    const lunch: DeliveryWindow = { timeZone: 'Asia/Tokyo', quietHours: { start: '12:00', end: '13:30' } };
    expect(asLocal(deliveryTimeFor(local('2026-06-10T12:15', 'Asia/Tokyo'), lunch), 'Asia/Tokyo')).toBe('2026-06-10T13:30');
    const night = local('2026-06-10T23:00', 'Asia/Tokyo');
    expect(deliveryTimeFor(night, lunch)).toEqual(night);
    expect(deliveryTimeFor(night, { timeZone: 'Asia/Tokyo', quietHours: null })).toEqual(night);
  });

  it('lets urgent messages through at any hour, even on the wedding day', () => {
    const at = local('2026-06-13T23:00', 'Europe/Rome');
    expect(deliveryTimeFor(at, { ...rome, weddingDate: '2026-06-13' }, true)).toEqual(at);
  });

  it('keeps a couple’s wedding day quiet: anything that day waits until the next morning', () => {
    const couple: DeliveryWindow = { ...rome, weddingDate: '2026-06-13' };
    expect(asLocal(deliveryTimeFor(local('2026-06-13T10:00', 'Europe/Rome'), couple), 'Europe/Rome')).toBe('2026-06-14T08:00');
    // The evening before: the quiet hours end on the wedding morning, which is muted in turn.
    expect(asLocal(deliveryTimeFor(local('2026-06-12T22:00', 'Europe/Rome'), couple), 'Europe/Rome')).toBe('2026-06-14T08:00');
    // Without quiet hours, the next morning is 08:00.
    const noQuiet: DeliveryWindow = { timeZone: 'Europe/Rome', quietHours: null, weddingDate: '2026-06-13' };
    expect(asLocal(deliveryTimeFor(local('2026-06-13T01:00', 'Europe/Rome'), noQuiet), 'Europe/Rome')).toBe('2026-06-14T08:00');
  });

  it('reads the wedding date in the couple’s zone, not in UTC', () => {
    // 2026-06-13 03:00 UTC is still the 12th in Los Angeles (20:00): a normal evening there.
    const couple: DeliveryWindow = { timeZone: 'America/Los_Angeles', quietHours: null, weddingDate: '2026-06-13' };
    const at = new Date('2026-06-13T03:00:00Z');
    expect(deliveryTimeFor(at, couple)).toEqual(at);
    expect(asLocal(deliveryTimeFor(new Date('2026-06-13T16:00:00Z'), couple), 'America/Los_Angeles')).toBe('2026-06-14T08:00');
  });

  it('ends the quiet hours at the right instant across daylight-saving changes', () => {
    const london: DeliveryWindow = { timeZone: 'Europe/London', quietHours: DEFAULT_QUIET_HOURS };
    // Clocks go forward on 2026-03-29 (01:00 GMT → 02:00 BST): 08:00 that morning is 07:00 UTC.
    expect(deliveryTimeFor(local('2026-03-28T23:00', 'Europe/London'), london).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    // Clocks go back on 2026-10-25 (02:00 BST → 01:00 GMT): 08:00 that morning is 08:00 UTC.
    expect(deliveryTimeFor(local('2026-10-24T23:00', 'Europe/London'), london).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    // A quiet-hours end that the change skips (01:30 does not exist that night) moves forward by the gap.
    const early: DeliveryWindow = { timeZone: 'Europe/London', quietHours: { start: '23:00', end: '01:30' } };
    const delivered = deliveryTimeFor(local('2026-03-28T23:30', 'Europe/London'), early);
    expect(delivered.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(asLocal(delivered, 'Europe/London')).toBe('2026-03-29T02:30');
  });

  it('refuses an unknown time zone, a malformed time and a malformed date, naming the field', () => {
    const at = new Date('2026-06-10T12:00:00Z');
    expect(() => deliveryTimeFor(at, { timeZone: 'Mars/Olympus_Mons', quietHours: null })).toThrow(InvalidDeliveryWindowError);
    expect(() => deliveryTimeFor(at, { timeZone: 'Mars/Olympus_Mons', quietHours: null })).toThrow(/IANA zone/);
    expect(() => deliveryTimeFor(at, { timeZone: 'UTC', quietHours: { start: '25:00', end: '08:00' } })).toThrow(expect.objectContaining({ field: 'quietHours' }));
    expect(() => deliveryTimeFor(at, { timeZone: 'UTC', quietHours: null, weddingDate: '13/06/2026' })).toThrow(expect.objectContaining({ field: 'weddingDate' }));
  });
});

describe('deliveryTimeFor, for any instant and window', () => {
  const zones = ['Europe/Rome', 'Europe/London', 'America/New_York', 'America/Sao_Paulo', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham'];
  const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` as LocalTime);
  const windows = fc.record({
    timeZone: fc.constantFrom(...zones),
    quietHours: fc.option(fc.record({ start: time, end: time }), { nil: null }),
    weddingDate: fc.option(fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined }),
  });
  const instants = fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true });

  it('never delivers early, inside quiet hours or on the wedding day, and a delivery time needs no further wait', () => {
    fc.assert(
      fc.property(instants, windows, (at, window) => {
        const delivered = deliveryTimeFor(at, window);
        expect(delivered.getTime()).toBeGreaterThanOrEqual(at.getTime());
        const there = DateTime.fromJSDate(delivered, { zone: window.timeZone });
        if (window.weddingDate !== undefined) expect(there.toISODate()).not.toBe(window.weddingDate);
        expect(deliveryTimeFor(delivered, window)).toEqual(delivered);
        // Never held for more than a day and a half (a wedding day, then the quiet hours' end).
        expect(delivered.getTime() - at.getTime()).toBeLessThanOrEqual(49 * 3_600_000);
      }),
      { numRuns: 500 },
    );
  });
});
