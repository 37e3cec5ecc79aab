export { PageTokens, queryFingerprint, type PageCursor } from './page-tokens';
