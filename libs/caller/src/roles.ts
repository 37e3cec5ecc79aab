/** What a caller is to the marketplace, as the access token's `roles` claim names it. */
export type Role = 'couple' | 'supplier' | 'product' | 'admin';

/** Every role, in the order they are listed to people. */
export const ROLES: readonly Role[] = ['couple', 'supplier', 'product', 'admin'];

/** The product team: they triage, move requests along their lifecycle, merge duplicates, review votes. */
export const STAFF_ROLES: readonly Role[] = ['product', 'admin'];
