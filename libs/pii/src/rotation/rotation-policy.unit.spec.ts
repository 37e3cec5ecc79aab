import { MASTER_KEY_ROTATION_DAYS, rotationSchedule } from './rotation-policy';

describe('rotationSchedule', () => {
  const createdAt = new Date('2026-01-01T00:00:00Z');

  it('is due 90 days after the master key came into use', () => {
    expect(MASTER_KEY_ROTATION_DAYS).toBe(90);
    expect(rotationSchedule(createdAt, new Date('2026-01-31T00:00:00Z'))).toEqual({
      periodDays: 90,
      dueAt: new Date('2026-04-01T00:00:00Z'),
      due: false,
      daysLeft: 60,
    });
  });

  it('is due from the moment the period ends, and counts the days past it', () => {
    expect(rotationSchedule(createdAt, new Date('2026-03-31T23:59:59Z'))).toMatchObject({ due: false, daysLeft: 0 });
    expect(rotationSchedule(createdAt, new Date('2026-04-01T00:00:00Z'))).toMatchObject({ due: true, daysLeft: 0 });
    expect(Object.is(rotationSchedule(createdAt, new Date('2026-04-01T12:00:00Z')).daysLeft, 0)).toBe(true);
    expect(rotationSchedule(createdAt, new Date('2026-04-11T12:00:00Z'))).toMatchObject({ due: true, daysLeft: -10 });
  });

  it('takes another period when given one', () => {
    expect(rotationSchedule(createdAt, createdAt, 30).dueAt).toEqual(new Date('2026-01-31T00:00:00Z'));
  });
});
