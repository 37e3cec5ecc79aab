import { z } from 'zod';
import { ROLES, type Role } from '@frm/caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The claims of an FRM access token, beyond the registered ones jose checks (`iss`, `aud`, `exp`, `nbf`). */
export const accessTokenClaimsSchema = z.object({
  sub: z.string().regex(UUID, 'must be the caller’s UUID'),
  roles: z.array(z.string()),
  email: z.string().optional(),
  name: z.string().optional(),
  supplier_type: z.string().optional(),
  tz: z.string().optional(),
  wedding_date: z.string().regex(ISO_DATE, 'must be a date, YYYY-MM-DD').optional(),
  account_created_at: z.number().int().nonnegative().optional(),
});

/** Who is calling, as the verified access token says. */
export interface Caller {
  /** The token's `sub`, lower case. */
  readonly subject: string;
  /** The token's roles, every one of them known to the platform. */
  readonly roles: readonly Role[];
  readonly email?: string;
  readonly name?: string;
  readonly supplierType?: string;
  /** IANA time zone. */
  readonly timeZone?: string;
  /** YYYY-MM-DD. */
  readonly weddingDate?: string;
  /** Seconds since the epoch. */
  readonly accountCreatedAt?: number;
}

/**
 * The caller the claims describe; throws zod's error when they do not fit the schema, including a
 * role the platform does not know: a token that grants something nobody defined is a mistake of
 * whoever issued it, and guessing what was meant would be worse than refusing it.
 */
export function callerFromClaims(payload: unknown): Caller {
  const claims = accessTokenClaimsSchema.parse(payload);
  const named = claims.roles.map((role) => role.trim().toLowerCase());
  const unknown = named.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0 || named.length === 0) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['roles'],
        message: named.length === 0 ? `must name at least one of ${ROLES.join(', ')}` : `names roles this platform does not know (${unknown.join(', ')}); known roles are ${ROLES.join(', ')}`,
        input: claims.roles,
      },
    ]);
  }
  return {
    subject: claims.sub.toLowerCase(),
    roles: ROLES.filter((role) => named.includes(role)),
    ...(claims.email !== undefined ? { email: claims.email } : {}),
    ...(claims.name !== undefined ? { name: claims.name } : {}),
    ...(claims.supplier_type !== undefined ? { supplierType: claims.supplier_type } : {}),
    ...(claims.tz !== undefined ? { timeZone: claims.tz } : {}),
    ...(claims.wedding_date !== undefined ? { weddingDate: claims.wedding_date } : {}),
    ...(claims.account_created_at !== undefined ? { accountCreatedAt: claims.account_created_at } : {}),
  };
}
