/**
 * Sent with every HTML page of the web board. The policy fits a Vite build of a React app: scripts
 * and styles come from the gateway's own origin as files, and the app calls the gateway (gRPC-web)
 * on that origin. Inline styles are allowed because component libraries insert `<style>` elements
 * at run time; inline scripts, the vector of XSS, are not.
 */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Sent with every file: a browser takes its content type as given, never guesses a script from bytes. */
export const FILE_SECURITY_HEADERS: Readonly<Record<string, string>> = { 'x-content-type-options': 'nosniff' };
