import { decodeAccessToken, type DecodedAccessToken } from './access-token';

// sessionStorage: the token lives as long as the tab, and is not shared with other tabs or kept
// after the browser closes.
const STORAGE_KEY = 'frm.accessToken';
const listeners = new Set<() => void>();
let cached: { raw: string | null; decoded: DecodedAccessToken | null } = { raw: null, decoded: null };

/** The access token of this tab, if one was pasted and is still readable. */
export function currentSession(): DecodedAccessToken | null {
  const raw = readStoredToken();
  if (raw !== cached.raw) cached = { raw, decoded: raw === null ? null : decodeAccessToken(raw) };
  return cached.decoded;
}

/** The token every call carries, or none. */
export function currentToken(): string | null {
  const session = currentSession();
  return session?.ok ? session.token : null;
}

export function signIn(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
  notify();
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
  notify();
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled by the browser's privacy settings: then nobody stays signed in.
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}
