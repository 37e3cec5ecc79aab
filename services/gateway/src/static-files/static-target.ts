import { extname } from 'node:path/posix';

/** The page a single-page app is started from. */
export const INDEX_FILE = 'index.html';

/** Content-hashed build output: a file there never changes under its name. */
const HASHED_ASSETS_FOLDER = 'assets';

/** What a GET path asks of the web root. */
export type StaticTarget =
  /** `file` relative to the web root (`/` separated); `spaRoute` when a missing file means a route of the app. */
  | { readonly kind: 'file'; readonly file: string; readonly spaRoute: boolean }
  /** Nothing that could be served (hidden files). */
  | { readonly kind: 'missing' }
  /** A path no browser sends for a page or an asset: climbing out with `..`, NUL bytes, backslashes, bad escapes. */
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Reads a request path (with its query) as a file of the web root, before any file system access:
 * `/` is the index; a path whose last segment has no extension, outside `/assets/`, is a route of
 * the single-page app when no such file exists; anything that could leave the web root is refused.
 */
export function staticTargetOf(url: string): StaticTarget {
  const rawPath = url.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', reason: 'the path is not valid percent-encoding' };
  }
  if (!path.startsWith('/')) return { kind: 'refused', reason: 'the path must start with /' };
  if (/[\0\\]/.test(path)) return { kind: 'refused', reason: 'the path holds a NUL byte or a backslash' };
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'refused', reason: 'the path holds a "." or ".." segment' };
  if (segments.length === 0) return { kind: 'file', file: INDEX_FILE, spaRoute: false };
  // Dotfiles (.env, .git) are never part of a build; they are not served even if they are there.
  if (segments.some((segment) => segment.startsWith('.'))) return { kind: 'missing' };
  const spaRoute = segments[0] !== HASHED_ASSETS_FOLDER && extname(segments.at(-1) as string) === '';
  return { kind: 'file', file: segments.join('/'), spaRoute };
}

/** How long browsers may keep `file`: hashed assets for a year, anything else only after asking again. */
export function cacheControlOf(file: string): string {
  return file.startsWith(`${HASHED_ASSETS_FOLDER}/`) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
