import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PageTokens, queryFingerprint } from './page-tokens';

describe('page tokens', () => {
  const tokens = new PageTokens(randomBytes(32));
  const query = queryFingerprint(['ListFeatureRequests', { sort: 'new' }]);
  const cursor = { query, after: ['2026-05-01T10:00:00.000000Z', 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d'] };

  it('carry the cursor of the query that issued them', () => {
    expect(tokens.read(tokens.issue(cursor), query, 2)).toEqual(cursor);
    expect(tokens.read('', query, 2)).toBeUndefined();
  });

  it('refuse any change to a token as INVALID_ARGUMENT naming page_token', () => {
    const token = tokens.issue(cursor);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCabc0123-_.'), (index, replacement) => {
        const changed = token.slice(0, index) + replacement + token.slice(index + 1);
        fc.pre(changed !== token);
        expect(() => tokens.read(changed, query, 2)).toThrow(/^page_token: /);
      }),
    );
  });

  it('refuse tokens of another key, another query or another shape', () => {
    const token = tokens.issue(cursor);
    expect(() => new PageTokens(randomBytes(32)).read(token, query, 2)).toThrow(/not a token this service issued/);
    expect(() => tokens.read(token, queryFingerprint(['ListFeatureRequests', { sort: 'top' }]), 2)).toThrow(/other filters/);
    expect(() => tokens.read(token, query, 3)).toThrow(/another version/);
    expect(() => tokens.read('x'.repeat(5_000), query, 2)).toThrow(/^page_token: /);
  });
});
