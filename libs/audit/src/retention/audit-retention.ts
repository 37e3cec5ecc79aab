/**
 * Audit entries are kept for 7 years from when they were recorded (the longest limitation period
 * the platform's compliance review asked to cover). Nothing deletes them: the table refuses it.
 */
export const AUDIT_RETENTION_YEARS = 7;

/**
 * The oldest moment still inside the retention period at `now`: entries recorded before it may be
 * archived. The same calendar day and time 7 years earlier in UTC (29 February becomes 1 March).
 */
export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - AUDIT_RETENTION_YEARS);
  return cutoff;
}
