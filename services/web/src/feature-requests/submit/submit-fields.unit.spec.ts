import { fieldOfViolation } from './submit-fields';

describe('fieldOfViolation', () => {
  it('finds the form field intake refused', () => {
    expect(fieldOfViolation('title')).toBe('title');
    expect(fieldOfViolation('tags[3]')).toBe('tags');
    expect(fieldOfViolation('wedding_context.wedding_date')).toBe('wedding_date');
    expect(fieldOfViolation('wedding_context.supplier_type')).toBe('supplier_type');
  });

  it('ignores fields the form does not have', () => {
    expect(fieldOfViolation('request_id')).toBeUndefined();
    expect(fieldOfViolation('wedding_context')).toBeUndefined();
  });
});
