import { DrillSchemas, drillStartedAt } from './drill-schemas';

describe('DrillSchemas', () => {
  const startedAt = new Date('2026-11-26T10:00:07Z');
  const schemas = DrillSchemas.forDrillStartedAt(startedAt);
  const longestName = 'a'.repeat(40);

  it('names every schema of a drill with its prefix, within Postgres’ 63 characters', () => {
    const names = [schemas.events, schemas.keys, schemas.audit, schemas.ledger, schemas.restoredCopy(longestName), schemas.referenceCopy(longestName)];
    expect(names.every((name) => name.startsWith(schemas.prefix) && /^drill_[0-9a-z]{11}_/.test(name))).toBe(true);
    expect(Math.max(...names.map((name) => name.length))).toBeLessThanOrEqual(63);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads the start time back from any of its schemas, to the second', () => {
    expect(drillStartedAt(schemas.referenceCopy('votes'))).toEqual(new Date('2026-11-26T10:00:07Z'));
    expect(drillStartedAt(schemas.events)).toEqual(drillStartedAt(schemas.ledger));
  });

  it('tells other schemas apart, even those starting with drill_', () => {
    expect(drillStartedAt('drill_notes')).toBeUndefined();
    expect(drillStartedAt('drill_abc_events')).toBeUndefined();
    expect(drillStartedAt('projection_votes')).toBeUndefined();
  });

  it('gives two drills started in the same second different names', () => {
    const others = Array.from({ length: 20 }, () => DrillSchemas.forDrillStartedAt(startedAt).id);
    expect(new Set([schemas.id, ...others]).size).toBeGreaterThan(15);
  });
});
