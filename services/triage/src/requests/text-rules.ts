import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';
import type { RequestText } from '../similarity/similar-request-finder';

// Intake's limits (services/intake/src/feature-requests/domain/field-rules.ts), copied because a
// service may not import another: a text intake would refuse is not worth searching for either.
export const TITLE_MAX_LENGTH = 140;
export const DESCRIPTION_MAX_LENGTH = 10_000;

/** The title and description of a search, trimmed; INVALID_ARGUMENT naming every field out of its limits. */
export function checkRequestText(request: { readonly title: string; readonly description: string }): RequestText {
  const title = request.title.trim();
  const description = request.description.trim();
  const violations: FieldViolation[] = [];
  const titleLength = codePoints(title);
  if (titleLength === 0) violations.push({ field: 'title', rule: `must not be empty; give 1 to ${TITLE_MAX_LENGTH} characters` });
  else if (titleLength > TITLE_MAX_LENGTH) violations.push({ field: 'title', rule: `must be 1 to ${TITLE_MAX_LENGTH} characters`, got: titleLength });
  const descriptionLength = codePoints(description);
  if (descriptionLength > DESCRIPTION_MAX_LENGTH) {
    violations.push({ field: 'description', rule: `must be at most ${DESCRIPTION_MAX_LENGTH.toLocaleString('en')} characters`, got: descriptionLength });
  }
  const [first, ...rest] = violations;
  if (first) throw new InvalidArgumentError([first, ...rest]);
  return { title, description };
}

/** Characters as a person counts them (code points), as intake counts them. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
