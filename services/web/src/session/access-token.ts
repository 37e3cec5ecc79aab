/** Who a pasted access token says is signed in, for display; the gateway alone verifies tokens. */
export interface SignedInUser {
  readonly subject: string;
  readonly roles: readonly string[];
  readonly expiresAt?: Date;
}

export type DecodedAccessToken =
  | { readonly ok: true; readonly token: string; readonly user: SignedInUser }
  | { readonly ok: false; readonly problem: string };

const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/**
 * Reads the payload of a JWT without checking its signature (the board has no key, and needs none:
 * the gateway refuses a forged token). Accepts what people paste: surrounding blanks, quotes, or a
 * leading `Bearer `.
 */
export function decodeAccessToken(pasted: string, now: Date = new Date()): DecodedAccessToken {
  const token = pasted
    .trim()
    .replace(/^bearer\s+/i, '')
    .replace(/^["']|["']$/g, '');
  if (token === '') return { ok: false, problem: 'Paste an access token first.' };
  const parts = JWT.exec(token);
  if (!parts) return { ok: false, problem: 'This is not an access token: a token has three parts separated by dots.' };
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlToText(parts[1] as string));
  } catch {
    return { ok: false, problem: 'This token cannot be read: its middle part is not base64url-encoded JSON.' };
  }
  if (typeof payload !== 'object' || payload === null) return { ok: false, problem: 'This token carries no claims.' };
  const { sub, roles, exp } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') return { ok: false, problem: 'This token names nobody: it has no subject (sub).' };
  const roleList = Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
  const expiresAt = typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  if (expiresAt !== undefined && expiresAt.getTime() <= now.getTime()) {
    return { ok: false, problem: `This token expired on ${expiresAt.toISOString()}; mint a new one with npx frm token.` };
  }
  return { ok: true, token, user: { subject: sub, roles: roleList, ...(expiresAt !== undefined ? { expiresAt } : {}) } };
}

function base64UrlToText(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
