import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueLabel, CATEGORIES, SUPPLIER_TYPES } from './catalogue';

// The board may not import intake (it talks to the platform through the gateway only), so the
// copy is compared with intake's source text.
const INTAKE_CATALOGUE = readFileSync(join(__dirname, '../../../intake/src/feature-requests/domain/catalogue.ts'), 'utf8');

function intakeList(name: string): string[] {
  const body = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(INTAKE_CATALOGUE)?.[1] ?? '';
  return [...body.matchAll(/'([^']+)'/g)].map((match) => match[1] as string);
}

describe('the board’s catalogues', () => {
  it('offer exactly intake’s categories and supplier types, in its order', () => {
    expect(CATEGORIES).toEqual(intakeList('CATEGORIES'));
    expect(SUPPLIER_TYPES).toEqual(intakeList('SUPPLIER_TYPES'));
    expect(CATEGORIES.length).toBeGreaterThan(10);
  });

  it('show values as words', () => {
    expect(catalogueLabel('guest-management')).toBe('Guest management');
    expect(catalogueLabel('dj')).toBe('DJ');
    expect(catalogueLabel('other')).toBe('Other');
  });
});
