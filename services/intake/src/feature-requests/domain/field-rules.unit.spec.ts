import fc from 'fast-check';
import {
  checkCategory,
  checkCommentBody,
  checkDescription,
  checkTags,
  checkTitle,
  checkUuid,
  checkWeddingContext,
  isCalendarDate,
  lengthOf,
  refuseIfAny,
  type Violations,
} from './field-rules';

function check<T>(rule: (field: string, value: T, violations: Violations) => unknown, value: T): Violations {
  const violations: Violations = [];
  rule('field', value, violations);
  return violations;
}

describe('field rules', () => {
  describe('title', () => {
    it('is trimmed and must hold 1 to 140 characters, counted as a person counts them', () => {
      expect(check(checkTitle, 'x'.repeat(140))).toEqual([]);
      expect(check(checkTitle, '💍'.repeat(140))).toEqual([]);
      expect(check(checkTitle, ` ${'x'.repeat(140)} `)).toEqual([]);
      expect(check(checkTitle, 'x'.repeat(141))).toEqual([{ field: 'field', rule: 'must be 1 to 140 characters', got: 141 }]);
      expect(check(checkTitle, '   ')[0]?.rule).toMatch(/^must not be empty/);
      expect(checkTitle('title', '  Seating plan  ', [])).toBe('Seating plan');
    });

    it('is one line without control characters', () => {
      expect(check(checkTitle, 'two\nlines')).toHaveLength(1);
      expect(check(checkTitle, 'bell\u0007')).toHaveLength(1);
    });

    it('accepts any one-line text of 1 to 140 visible characters and refuses anything longer', () => {
      const visible = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzÉé💍 -'), minLength: 1, maxLength: 200 });
      fc.assert(
        fc.property(visible, (text) => {
          const violations = check(checkTitle, text);
          const length = lengthOf(text.trim());
          expect(violations.length === 0).toBe(length >= 1 && length <= 140);
        }),
      );
    });
  });

  it('description may be empty and holds at most 10,000 characters', () => {
    expect(check(checkDescription, '')).toEqual([]);
    expect(check(checkDescription, 'd'.repeat(10_000))).toEqual([]);
    expect(check(checkDescription, 'd'.repeat(10_001))).toEqual([{ field: 'field', rule: 'must be at most 10,000 characters', got: 10_001 }]);
    expect(check(checkDescription, 'line one\nline two\ttabbed')).toEqual([]);
  });

  it('a comment body must not be empty and holds at most 5,000 characters', () => {
    expect(check(checkCommentBody, ' ')).toHaveLength(1);
    expect(check(checkCommentBody, 'b'.repeat(5_001))).toHaveLength(1);
    expect(check(checkCommentBody, 'Me too')).toEqual([]);
  });

  it('category comes from the catalogue', () => {
    expect(check(checkCategory, 'payments')).toEqual([]);
    expect(check(checkCategory, 'Payments')).toHaveLength(1);
    expect(check(checkCategory, '')[0]?.rule).toContain('guest-management');
  });

  describe('tags', () => {
    it('are lower-cased, trimmed and de-duplicated', () => {
      expect(checkTags('tags', [' Seating ', 'seating', 'PDF-export'], [])).toEqual(['seating', 'pdf-export']);
    });

    it('are at most 10, each of 1 to 32 letters, digits or single hyphens, named by position', () => {
      expect(check(checkTags, Array.from({ length: 10 }, (_, i) => `t${i}`))).toEqual([]);
      expect(check(checkTags, Array.from({ length: 11 }, (_, i) => `t${i}`))).toEqual([
        { field: 'field', rule: 'must hold at most 10 different tags', got: 11 },
      ]);
      expect(check(checkTags, ['ok', 'not ok', '', 'a--b', 'x'.repeat(33), '-lead']).map((v) => v.field)).toEqual([
        'field[1]',
        'field[2]',
        'field[3]',
        'field[4]',
        'field[5]',
      ]);
    });
  });

  describe('wedding context', () => {
    it('drops a context that says nothing, and checks what it says', () => {
      expect(checkWeddingContext('wc', { supplierType: ' ', weddingDate: '' }, [])).toBeNull();
      expect(checkWeddingContext('wc', null, [])).toBeNull();
      expect(check(checkWeddingContext, { supplierType: 'florist', weddingDate: '2026-06-20' })).toEqual([]);
      expect(check(checkWeddingContext, { supplierType: 'astronaut', weddingDate: '20/06/2026' }).map((v) => v.field)).toEqual([
        'field.supplier_type',
        'field.wedding_date',
      ]);
    });

    it('takes only real calendar dates', () => {
      expect(isCalendarDate('2028-02-29')).toBe(true);
      expect(isCalendarDate('2026-02-29')).toBe(false);
      expect(isCalendarDate('2026-13-01')).toBe(false);
      expect(isCalendarDate('2026-6-20')).toBe(false);
    });
  });

  it('ids are UUIDs, never echoed back', () => {
    expect(check(checkUuid, 'A4D2C7E0-1B8F-4C3E-9D6A-5E7F8A9B0C1D')).toEqual([]);
    expect(check(checkUuid, 'fr-1')).toEqual([{ field: 'field', rule: 'must be a UUID', got: '4 characters' }]);
    expect(check(checkUuid, '')[0]?.rule).toMatch(/^must not be empty/);
  });

  it('refuses with every violation at once as INVALID_ARGUMENT', () => {
    expect(() => refuseIfAny([])).not.toThrow();
    expect(() =>
      refuseIfAny([
        { field: 'title', rule: 'must not be empty' },
        { field: 'category', rule: 'must be one of a, b' },
      ]),
    ).toThrow('title: must not be empty; category: must be one of a, b');
  });
});
