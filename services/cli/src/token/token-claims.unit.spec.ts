import { CliError } from '../cli-error';
import { accessTokenClaims } from './token-claims';
import { tokenLifetime } from './token-lifetime';

const sub = '3F0C6A51-7A53-4A9F-9A53-2B0A7C2C1D11';

describe('accessTokenClaims', () => {
  it('keeps the known roles in their canonical order and lower-cases the subject', () => {
    expect(accessTokenClaims({ sub, roles: ' Admin, couple ' })).toEqual({ sub: sub.toLowerCase(), roles: ['couple', 'admin'] });
  });

  it('turns the account creation time into seconds', () => {
    expect(accessTokenClaims({ sub, roles: 'couple', accountCreatedAt: '1970-01-02T00:00:00Z' }).account_created_at).toBe(86_400);
    expect(accessTokenClaims({ sub, roles: 'couple', accountCreatedAt: '1700000000' }).account_created_at).toBe(1_700_000_000);
  });

  it.each([
    [{ roles: '' }, /names no role/],
    [{ supplierType: 'astronaut' }, /--supplier-type "astronaut" is not known/],
    [{ weddingDate: '2026-02-30' }, /--wedding-date "2026-02-30" is not a date/],
    [{ email: 'ana' }, /--email "ana" is not an e-mail address/],
    [{ accountCreatedAt: 'last spring' }, /--account-created-at "last spring"/],
  ])('refuses %j', (options, message) => {
    const attempt = () => accessTokenClaims({ sub, roles: 'couple', ...options });
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow(message);
  });
});

describe('tokenLifetime', () => {
  it('takes a number and a unit', () => {
    expect(tokenLifetime('8h')).toBe('8h');
    expect(() => tokenLifetime('0m')).toThrow(/--ttl "0m" is not a lifetime/);
    expect(() => tokenLifetime('8 hours')).toThrow(CliError);
  });
});
