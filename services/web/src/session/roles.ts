import type { SignedInUser } from './access-token';

// Mirrors the gateway's access table (who may call which RPC), only to decide what to offer:
// the gateway still refuses what a role may not do.
const CUSTOMER_ROLES = ['couple', 'supplier'];
const STAFF_ROLES = ['product', 'admin'];

/** Couples and suppliers vote; the product team does not. */
export function canVote(user: SignedInUser): boolean {
  return user.roles.some((role) => CUSTOMER_ROLES.includes(role));
}

/** Changing a status, merging and reviewing flagged votes are for the product team and admins. */
export function isStaff(user: SignedInUser): boolean {
  return user.roles.some((role) => STAFF_ROLES.includes(role));
}
