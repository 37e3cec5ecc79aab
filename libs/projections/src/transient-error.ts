// SQLSTATE classes that say "try again later" rather than "this statement is wrong":
// connection exception, transaction rollback (serialization, deadlock), insufficient resources,
// object not in prerequisite state (lock not available), operator intervention, system error.
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '55', '57', '58']);
const SQLSTATE = /^[0-9A-DF-Z][0-9A-Z]{4}$/;

/**
 * Whether a failed statement may succeed when simply retried. Errors without a SQLSTATE come
 * from the connection (reset, timeout, terminated), not from the statement, so they count as transient.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return true;
  return TRANSIENT_CLASSES.has(code.slice(0, 2));
}
