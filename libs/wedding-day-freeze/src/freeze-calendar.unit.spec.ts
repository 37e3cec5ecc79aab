import fc from 'fast-check';
import { freezeRuleAt } from './freeze-calendar';
import { DEFAULT_FREEZE_POLICY, type FreezePolicy } from './freeze-policy';
import { localDateIn } from './local-date';

const london = DEFAULT_FREEZE_POLICY;

describe('the wedding-day calendar', () => {
  it('freezes Saturday in the policy’s zone, from its first minute to its last', () => {
    // 2026-11-28 is a Saturday; London is on UTC in November.
    expect(freezeRuleAt(new Date('2026-11-27T23:59:59Z'), london)).toBeUndefined();
    expect(freezeRuleAt(new Date('2026-11-28T00:00:00Z'), london)).toEqual({
      kind: 'weekday',
      localDate: '2026-11-28',
      timeZone: 'Europe/London',
      description: 'it is Saturday 2026-11-28 in Europe/London, a wedding day (FRM_FREEZE_WEEKDAYS)',
      reopensOn: '2026-11-29',
    });
    expect(freezeRuleAt(new Date('2026-11-28T23:59:59Z'), london)?.kind).toBe('weekday');
    expect(freezeRuleAt(new Date('2026-11-29T00:00:00Z'), london)).toBeUndefined();
  });

  it('reads the day in the zone, summer time included: Friday evening in New York is already Saturday in London', () => {
    // 2026-06-19 23:30 in New York (EDT, UTC-4) is 2026-06-20 04:30 in London (BST): a Saturday there.
    const at = new Date('2026-06-20T03:30:00Z');
    expect(freezeRuleAt(at, { ...london, timeZone: 'America/New_York' })).toBeUndefined();
    expect(freezeRuleAt(at, london)?.localDate).toBe('2026-06-20');
    // The night summer time ends in London (Sunday 2026-10-25): Saturday lasts 25 hours there.
    expect(freezeRuleAt(new Date('2026-10-24T23:30:00Z'), london)).toBeUndefined();
    expect(freezeRuleAt(new Date('2026-10-23T23:30:00Z'), london)?.localDate).toBe('2026-10-24');
  });

  it('freezes blackout days and reopens after the whole run of frozen days', () => {
    const policy: FreezePolicy = { ...london, blackouts: [{ from: '2026-12-24', to: '2026-12-26' }] };
    const christmas = freezeRuleAt(new Date('2026-12-25T12:00:00Z'), policy);
    expect(christmas).toMatchObject({ kind: 'blackout', localDate: '2026-12-25', reopensOn: '2026-12-27' });
    expect(christmas?.description).toBe('Friday 2026-12-25 in Europe/London is in the blackout 2026-12-24..2026-12-26 (FRM_FREEZE_BLACKOUT_DATES)');
    // A blackout Friday before a Saturday: both wait until Sunday.
    const friday = { ...london, blackouts: [{ from: '2026-11-27', to: '2026-11-27' }] };
    expect(freezeRuleAt(new Date('2026-11-27T10:00:00Z'), friday)).toMatchObject({ kind: 'blackout', reopensOn: '2026-11-29' });
  });

  it('never freezes with no weekdays and no blackouts', () => {
    const open: FreezePolicy = { ...london, weekdays: [], blackouts: [] };
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => freezeRuleAt(at, open) === undefined));
  });

  it('freezes exactly the instants whose local day is a frozen weekday, and the reopening day is open', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'),
        (at, timeZone) => {
          const policy = { ...london, timeZone };
          const rule = freezeRuleAt(at, policy);
          expect(rule !== undefined).toBe(localDateIn(at, timeZone).weekday === 'saturday');
          if (rule) expect(rule.reopensOn > rule.localDate).toBe(true);
        },
      ),
    );
  });

  it('refuses a policy that freezes every day, instead of searching for ever', () => {
    const always: FreezePolicy = { ...london, weekdays: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] };
    expect(() => freezeRuleAt(new Date('2026-11-26T10:00:00Z'), always)).toThrow(/freezes every day of the year/);
  });
});
