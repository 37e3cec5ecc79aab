/** What a caller is to the marketplace; the gateway takes them from the access token. */
export type Role = 'couple' | 'supplier' | 'product' | 'admin';

export const ROLES: readonly Role[] = ['couple', 'supplier', 'product', 'admin'];

/** The product team: they triage, move requests along their lifecycle and merge duplicates. */
export const STAFF_ROLES: readonly Role[] = ['product', 'admin'];

/** Who is asking: the subject id of the access token and its roles. */
export interface Actor {
  readonly subject: string;
  readonly roles: readonly Role[];
}

export function isStaff(actor: Actor): boolean {
  return actor.roles.some((role) => STAFF_ROLES.includes(role));
}
