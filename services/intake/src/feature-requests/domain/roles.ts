import { STAFF_ROLES, type Role } from '@frm/caller';

export { ROLES, STAFF_ROLES, type Role } from '@frm/caller';

/** Who is asking: the subject id of the access token and its roles. */
export interface Actor {
  readonly subject: string;
  readonly roles: readonly Role[];
}

export function isStaff(actor: Actor): boolean {
  return actor.roles.some((role) => STAFF_ROLES.includes(role));
}
