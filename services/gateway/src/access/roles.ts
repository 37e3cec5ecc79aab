/** What a caller is to the marketplace, as the access token's `roles` claim names it. */
export type Role = 'couple' | 'supplier' | 'product' | 'admin';

export const ROLES: readonly Role[] = ['couple', 'supplier', 'product', 'admin'];

/** Everyone with an account. */
export const EVERYONE: readonly Role[] = ROLES;

/** Marketplace customers: the people who ask for features and vote on them. */
export const CUSTOMERS: readonly Role[] = ['couple', 'supplier'];

/** The product team: they triage, move requests along their lifecycle, merge duplicates, review votes. */
export const STAFF: readonly Role[] = ['product', 'admin'];
