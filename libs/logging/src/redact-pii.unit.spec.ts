import { createPiiRedactor, REDACTED } from './redact-pii';

describe('createPiiRedactor', () => {
  const redact = createPiiRedactor();

  it('returns the same object when nothing is sensitive, and shares unchanged parts otherwise', () => {
    const clean = { id: 'fr-1', votes: [1, 2], nested: { status: 'planned' } };
    const mixed = { clean, user: { email: 'a@example.com' } };

    expect(redact(clean)).toBe(clean);
    const redacted = redact(mixed) as typeof mixed;
    expect(redacted.clean).toBe(clean);
    expect(redacted.user.email).toBe(REDACTED);
  });

  it('compares keys without case, dashes or underscores, and by their endings', () => {
    expect(redact({ 'X-API-KEY': 'k', Api_Key: 'k', refresh_token: 't', jwtSecret: 's', EMAIL: 'e', 'First-Name': 'f' })).toEqual({
      'X-API-KEY': REDACTED,
      Api_Key: REDACTED,
      refresh_token: REDACTED,
      jwtSecret: REDACTED,
      EMAIL: REDACTED,
      'First-Name': REDACTED,
    });
  });

  it('keeps keys that only resemble sensitive ones', () => {
    const operational = { projectionName: 'tally', tokenCount: 3, nameservers: 2, service: 'voting' };

    expect(redact(operational)).toBe(operational);
  });

  it('survives cycles and cuts very deep objects', () => {
    const cyclic: Record<string, unknown> = { email: 'a@example.com' };
    cyclic['self'] = cyclic;
    let deep: Record<string, unknown> = { email: 'deep@example.com' };
    for (let level = 0; level < 20; level++) deep = { deeper: deep };

    expect(redact(cyclic)).toEqual({ email: REDACTED, self: '[circular]' });
    expect(JSON.stringify(redact(deep))).not.toContain('deep@example.com');
  });

  it('redacts a repeated (not cyclic) object at each place it appears', () => {
    const person = { email: 'a@example.com' };

    expect(redact({ author: person, voter: person })).toEqual({ author: { email: REDACTED }, voter: { email: REDACTED } });
  });

  it('passes primitives through', () => {
    expect(redact('text')).toBe('text');
    expect(redact(undefined)).toBeUndefined();
  });
});
