import { legalDeadline, statusAt } from './legal-deadline';

const requestedAt = new Date('2026-01-31T23:30:00.000Z');

describe('legal deadline', () => {
  it('is 30 days under GDPR and 45 under CCPA, to the millisecond', () => {
    expect(legalDeadline('gdpr', requestedAt).toISOString()).toBe('2026-03-02T23:30:00.000Z');
    expect(legalDeadline('ccpa', requestedAt).toISOString()).toBe('2026-03-17T23:30:00.000Z');
  });

  it('makes an unfinished request overdue after its deadline, never a completed one', () => {
    const deadline = legalDeadline('gdpr', requestedAt);
    const after = new Date(deadline.getTime() + 1);
    expect(statusAt('in_progress', deadline, deadline)).toBe('in_progress');
    expect(statusAt('in_progress', deadline, after)).toBe('overdue');
    expect(statusAt('failed', deadline, after)).toBe('overdue');
    expect(statusAt('completed', deadline, after)).toBe('completed');
  });
});
