/** The submit form's fields, by the names intake gives them in `frm-field` (and the form its ids). */
export type SubmitField = 'title' | 'description' | 'category' | 'tags' | 'supplier_type' | 'wedding_date';

const FIELDS: readonly SubmitField[] = ['title', 'description', 'category', 'tags', 'supplier_type', 'wedding_date'];

/** `tags[2]` → `tags`, `wedding_context.wedding_date` → `wedding_date`; undefined for no field of the form. */
export function fieldOfViolation(field: string): SubmitField | undefined {
  const name = field.replace(/\[\d+\]$/, '').replace(/^wedding_context\./, '');
  return FIELDS.find((known) => known === name);
}
