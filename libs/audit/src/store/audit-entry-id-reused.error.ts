/** An entry id already names another act; a retry must repeat the same act exactly. */
export class AuditEntryIdReusedError extends Error {
  override readonly name = 'AuditEntryIdReusedError';
  constructor(
    readonly entryId: string,
    readonly sequence: number,
    readonly log: string,
  ) {
    super(
      `audit entry id ${entryId} already names a different act (entry ${sequence} of audit log "${log}"); ` +
        'give each act its own id, and reuse an id only to retry the same act with the same fields',
    );
  }
}
