import { decodeAccessToken } from './access-token';
import { canVote, isStaff } from './roles';

const NOW = new Date('2026-05-01T12:00:00Z');
const SUBJECT = '6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11';

function tokenWith(payload: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl`;
}

describe('decodeAccessToken', () => {
  const valid = tokenWith({ sub: SUBJECT, roles: ['couple'], exp: NOW.getTime() / 1000 + 3600, iss: 'frm', aud: 'frm' });

  it('reads the subject, roles and expiry of a token as frm token mints it', () => {
    expect(decodeAccessToken(valid, NOW)).toEqual({
      ok: true,
      token: valid,
      user: { subject: SUBJECT, roles: ['couple'], expiresAt: new Date(NOW.getTime() + 3_600_000) },
    });
  });

  it('accepts what people paste: blanks, quotes and a Bearer prefix', () => {
    expect(decodeAccessToken(`  Bearer ${valid}\n`, NOW)).toMatchObject({ ok: true, token: valid });
    expect(decodeAccessToken(`"${valid}"`, NOW)).toMatchObject({ ok: true, token: valid });
  });

  it('reads claims written in any script', () => {
    const token = tokenWith({ sub: SUBJECT, roles: ['product'], name: 'Zoë 婚礼' });
    expect(decodeAccessToken(token, NOW)).toMatchObject({ ok: true, user: { subject: SUBJECT, roles: ['product'] } });
  });

  it('keeps only role names that are text', () => {
    expect(decodeAccessToken(tokenWith({ sub: SUBJECT, roles: ['admin', 7, null] }), NOW)).toMatchObject({ user: { roles: ['admin'] } });
    expect(decodeAccessToken(tokenWith({ sub: SUBJECT }), NOW)).toMatchObject({ user: { roles: [] } });
  });

  it.each([
    ['', 'Paste an access token first.'],
    ['not a token', 'three parts'],
    ['a.b', 'three parts'],
    ['aGVsbG8.!!!.c2ln', 'three parts'],
    ['aGVsbG8.bm90IGpzb24.c2ln', 'not base64url-encoded JSON'],
    [tokenWith('just text'), 'carries no claims'],
    [tokenWith({ roles: ['couple'] }), 'no subject'],
  ])('refuses %j, saying why', (pasted, problem) => {
    const decoded = decodeAccessToken(pasted, NOW);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.problem).toContain(problem);
  });

  it('refuses an expired token and says how to get a new one', () => {
    const expired = tokenWith({ sub: SUBJECT, roles: ['couple'], exp: NOW.getTime() / 1000 - 1 });
    expect(decodeAccessToken(expired, NOW)).toEqual({ ok: false, problem: expect.stringContaining('npx frm token') });
  });
});

describe('roles', () => {
  const user = (...roles: string[]) => ({ subject: SUBJECT, roles });

  it('lets couples and suppliers vote, and not the product team', () => {
    expect([canVote(user('couple')), canVote(user('supplier')), canVote(user('product')), canVote(user('admin'))]).toEqual([true, true, false, false]);
  });

  it('treats product and admin as staff, and a customer who is also staff as both', () => {
    expect([isStaff(user('product')), isStaff(user('admin')), isStaff(user('couple'))]).toEqual([true, true, false]);
    expect(canVote(user('supplier', 'admin')) && isStaff(user('supplier', 'admin'))).toBe(true);
  });
});
