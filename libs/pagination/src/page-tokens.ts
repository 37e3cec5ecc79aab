import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidArgumentError } from '@frm/grpc-errors';

const FIELD = 'page_token';
const VERSION = 1;
const MAX_TOKEN_LENGTH = 1_024;

/** Where the next page starts, and which query it belongs to. */
export interface PageCursor {
  /** The sort key of the last row served, as text. */
  readonly after: readonly string[];
  /** {@link queryFingerprint} of the query that made the token. */
  readonly query: string;
}

/** A short digest of a query's parameters: a page token only continues the query that made it. */
export function queryFingerprint(parameters: unknown): string {
  return createHash('sha256').update(JSON.stringify(parameters)).digest('base64url').slice(0, 22);
}

/**
 * Opaque, tamper-evident page tokens: the cursor as base64url JSON and an HMAC-SHA256 of it.
 * Anything that does not verify, parse and match the query is INVALID_ARGUMENT naming page_token.
 */
export class PageTokens {
  constructor(private readonly key: Buffer) {}

  issue(cursor: PageCursor): string {
    const payload = Buffer.from(JSON.stringify({ v: VERSION, q: cursor.query, a: cursor.after })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** @returns the cursor, or `undefined` for the empty token (the first page) */
  read(token: string, query: string, keyLength: number): PageCursor | undefined {
    if (token === '') return undefined;
    const [payload, signature, ...rest] = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
    if (payload === undefined || signature === undefined || rest.length > 0 || !this.verifies(payload, signature)) {
      throw new InvalidArgumentError(FIELD, 'is not a token this service issued (or it was altered); start again from the first page without it');
    }
    const parsed = parseJson(Buffer.from(payload, 'base64url').toString('utf8'));
    const { v, q, a } = (parsed ?? {}) as { v?: unknown; q?: unknown; a?: unknown };
    const after = Array.isArray(a) && a.every((part) => typeof part === 'string') ? (a as string[]) : undefined;
    if (v !== VERSION || typeof q !== 'string' || after === undefined || after.length !== keyLength) {
      throw new InvalidArgumentError(FIELD, 'comes from another version of this service; start again from the first page without it');
    }
    if (q !== query) {
      throw new InvalidArgumentError(FIELD, 'belongs to a query with other filters, search or sort; keep them unchanged between pages, or start again without it');
    }
    return { after, query: q };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private verifies(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
