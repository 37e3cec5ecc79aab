import { AUDIT_RETENTION_YEARS, retentionCutoff } from './audit-retention';

describe('audit retention', () => {
  it('keeps entries for 7 years', () => {
    expect(AUDIT_RETENTION_YEARS).toBe(7);
    expect(retentionCutoff(new Date('2033-06-20T10:00:00.250Z')).toISOString()).toBe('2026-06-20T10:00:00.250Z');
  });

  it('moves 29 February to 1 March in a year that has none', () => {
    expect(retentionCutoff(new Date('2032-02-29T12:00:00Z')).toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });

  it('leaves the given date alone', () => {
    const now = new Date('2033-06-20T10:00:00Z');
    retentionCutoff(now);
    expect(now.toISOString()).toBe('2033-06-20T10:00:00.000Z');
  });
});
