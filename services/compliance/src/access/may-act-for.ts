import type { CallerContext } from '@frm/caller';
import { PermissionDeniedError } from '@frm/grpc-errors';

export function isAdmin(caller: Pick<CallerContext, 'roles'>): boolean {
  return caller.roles.includes('admin');
}

/**
 * The finer rule behind the access table's "everyone": a person acts on their own data, an admin on
 * anybody's.
 * @throws PermissionDeniedError naming whose data it is and the role that would do
 */
export function assertMayActFor(caller: Pick<CallerContext, 'subject' | 'roles'>, subjectId: string, what: string): void {
  if (caller.subject === subjectId || isAdmin(caller)) return;
  throw new PermissionDeniedError(`${what} of another person needs the admin role; you may ${what.toLowerCase()} your own data (subject ${caller.subject})`);
}
