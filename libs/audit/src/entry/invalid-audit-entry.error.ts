/** An audit entry the log refuses to record; the message names the field and what it accepts. */
export class InvalidAuditEntryError extends Error {
  override readonly name = 'InvalidAuditEntryError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`audit entry ${field} ${problem}`);
  }
}
