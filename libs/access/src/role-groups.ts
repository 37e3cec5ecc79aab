import { ROLES, STAFF_ROLES, type Role } from '@frm/caller';

/** Everyone with an account. */
export const EVERYONE: readonly Role[] = ROLES;

/** Marketplace customers: the people who ask for features and vote on them. */
export const CUSTOMERS: readonly Role[] = ['couple', 'supplier'];

/** The product team: they triage, move requests along their lifecycle, merge duplicates, review votes. */
export const STAFF: readonly Role[] = STAFF_ROLES;

/** Operations: rebuilding read models and other acts that can break what everybody sees. */
export const ADMINS: readonly Role[] = ['admin'];
