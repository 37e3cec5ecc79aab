/** Verification was asked of an audit log whose table does not exist; it would otherwise pass as empty. */
export class AuditLogMissingError extends Error {
  override readonly name = 'AuditLogMissingError';
  constructor(readonly schema: string) {
    super(
      `no audit log in schema "${schema}" (its table audit_entries does not exist); check the schema name, ` +
        'or let the service that records audit entries start once to create it',
    );
  }
}
