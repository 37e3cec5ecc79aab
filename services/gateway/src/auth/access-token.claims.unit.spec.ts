import { z } from 'zod';
import { callerFromClaims } from './access-token.claims';

const sub = '6f1d7c6e-8a43-4c55-9e62-3f0f8d1e2a11';

describe('callerFromClaims', () => {
  it('takes the subject in lower case and the roles, whatever their case', () => {
    expect(callerFromClaims({ sub: sub.toUpperCase(), roles: ['Couple', ' product '] })).toEqual({ subject: sub, roles: ['couple', 'product'] });
  });

  it('refuses a role the platform does not know, naming it and the known ones', () => {
    expect(() => callerFromClaims({ sub, roles: ['couple', 'superuser'] })).toThrow(z.ZodError);
    expect(() => callerFromClaims({ sub, roles: ['superuser'] })).toThrow(/superuser.*known roles are couple, supplier, product, admin/);
  });

  it('refuses a token with no role at all', () => {
    expect(() => callerFromClaims({ sub, roles: [] })).toThrow(/at least one of/);
  });
});
