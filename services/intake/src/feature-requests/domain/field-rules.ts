import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';
import { CATEGORIES, isCategory, isSupplierType, SUPPLIER_TYPES } from './catalogue';

export const TITLE_MAX_LENGTH = 140;
export const DESCRIPTION_MAX_LENGTH = 10_000;
export const COMMENT_MAX_LENGTH = 5_000;
export const REASON_MAX_LENGTH = 1_000;
export const MAX_TAGS = 10;
export const TAG_MAX_LENGTH = 32;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LINE_BREAK = /[\r\n\t]/;

/** Rules break into violations rather than exceptions, so one reply can name every bad field. */
export type Violations = FieldViolation[];

/** Characters as a person counts them (code points), not UTF-16 units. */
/** INVALID_ARGUMENT naming every broken rule, if there is any. */
export function refuseIfAny(violations: Violations): void {
  const [first, ...rest] = violations;
  if (first !== undefined) throw new InvalidArgumentError([first, ...rest]);
}

export function lengthOf(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function checkUuid(field: string, value: string, violations: Violations): void {
  if (value === '') violations.push({ field, rule: 'must not be empty; give the id as a UUID' });
  else if (!isUuid(value)) violations.push({ field, rule: 'must be a UUID', got: `${lengthOf(value)} characters` });
}

/** Trims; the title is one line of 1 to 140 characters. */
export function checkTitle(field: string, raw: string, violations: Violations): string {
  const title = raw.trim();
  const length = lengthOf(title);
  if (length === 0) violations.push({ field, rule: `must not be empty; give 1 to ${TITLE_MAX_LENGTH} characters` });
  else if (length > TITLE_MAX_LENGTH) violations.push({ field, rule: `must be 1 to ${TITLE_MAX_LENGTH} characters`, got: length });
  else if (LINE_BREAK.test(title) || hasControlCharacter(title)) {
    violations.push({ field, rule: 'must be one line without control characters' });
  }
  return title;
}

/** Trims; up to 10,000 characters, possibly none. */
export function checkDescription(field: string, raw: string, violations: Violations): string {
  return checkLongText(field, raw, { min: 0, max: DESCRIPTION_MAX_LENGTH }, violations);
}

export function checkCommentBody(field: string, raw: string, violations: Violations): string {
  return checkLongText(field, raw, { min: 1, max: COMMENT_MAX_LENGTH }, violations);
}

export function checkReason(field: string, raw: string, violations: Violations): string {
  return checkLongText(field, raw, { min: 0, max: REASON_MAX_LENGTH }, violations);
}

function checkLongText(field: string, raw: string, limits: { min: number; max: number }, violations: Violations): string {
  const text = raw.trim();
  const length = lengthOf(text);
  if (length < limits.min) violations.push({ field, rule: `must not be empty; give 1 to ${limits.max.toLocaleString('en')} characters` });
  else if (length > limits.max) {
    violations.push({ field, rule: `must be at most ${limits.max.toLocaleString('en')} characters`, got: length });
  } else if (hasControlCharacter(text)) violations.push({ field, rule: 'must not contain control characters' });
  return text;
}

export function checkCategory(field: string, category: string, violations: Violations): string {
  if (!isCategory(category)) {
    violations.push({ field, rule: `must be one of ${CATEGORIES.join(', ')}`, got: category === '' ? 'nothing' : undefined });
  }
  return category;
}

/** Lower-cases, trims and removes repeats; then at most 10 tags of 1 to 32 letters, digits or hyphens. */
export function checkTags(field: string, raw: readonly string[], violations: Violations): string[] {
  const tags = [...new Set(raw.map((tag) => tag.trim().toLowerCase()))];
  if (tags.length > MAX_TAGS) violations.push({ field, rule: `must hold at most ${MAX_TAGS} different tags`, got: tags.length });
  tags.forEach((tag, index) => {
    if (lengthOf(tag) > TAG_MAX_LENGTH || !TAG.test(tag)) {
      violations.push({
        field: `${field}[${index}]`,
        rule: `must be 1 to ${TAG_MAX_LENGTH} lower-case letters, digits or single hyphens, e.g. "seating-plan"`,
      });
    }
  });
  return tags;
}

export interface WeddingContext {
  /** Empty for couples. */
  readonly supplierType: string;
  /** ISO 8601 calendar date, empty when unknown. */
  readonly weddingDate: string;
}

/** A context with neither field set says nothing, so it is dropped. */
export function checkWeddingContext(field: string, raw: WeddingContext | null, violations: Violations): WeddingContext | null {
  if (raw === null) return null;
  const supplierType = raw.supplierType.trim();
  const weddingDate = raw.weddingDate.trim();
  if (supplierType !== '' && !isSupplierType(supplierType)) {
    violations.push({ field: `${field}.supplier_type`, rule: `must be empty (a couple) or one of ${SUPPLIER_TYPES.join(', ')}` });
  }
  if (weddingDate !== '' && !isCalendarDate(weddingDate)) {
    violations.push({ field: `${field}.wedding_date`, rule: 'must be empty or a calendar date as YYYY-MM-DD, e.g. 2026-06-20' });
  }
  return supplierType === '' && weddingDate === '' ? null : { supplierType, weddingDate };
}

export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Line breaks and tabs belong in long text; other control characters belong nowhere. */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}
