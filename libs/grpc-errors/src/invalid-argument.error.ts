import { status } from '@grpc/grpc-js';
import { ApplicationError } from './application-error';
import { FIELD_TRAILER } from './grpc-trailers';

/** One rule a request broke. */
export interface FieldViolation {
  /** The request field, as the client names it (`title`, `rice.reach`); absent for the request as a whole. */
  readonly field?: string;
  /** The rule in words: `must be 1 to 140 characters`. */
  readonly rule: string;
  /** What was received, described rather than echoed: a length, a count, a number. */
  readonly got?: string | number;
}

// gRPC metadata values must be printable ASCII; a field name that is not cannot be a trailer.
const TRAILER_SAFE = /^[ -~]+$/;

/** The request breaks a rule (gRPC `INVALID_ARGUMENT`): "title: must be 1 to 140 characters, got 153". */
export class InvalidArgumentError extends ApplicationError {
  override readonly name = 'InvalidArgumentError';
  readonly code = status.INVALID_ARGUMENT;
  readonly violations: readonly FieldViolation[];

  constructor(field: string, rule: string, got?: string | number);
  constructor(violations: readonly [FieldViolation, ...FieldViolation[]]);
  constructor(fieldOrViolations: string | readonly FieldViolation[], rule?: string, got?: string | number) {
    const violations =
      typeof fieldOrViolations === 'string' ? [{ field: fieldOrViolations, rule: rule ?? 'is invalid', got }] : fieldOrViolations;
    super(violations.map(describeViolation).join('; '));
    this.violations = violations;
  }

  override trailers(): Readonly<Record<string, readonly string[]>> {
    const fields = this.violations.flatMap(({ field }) => (field !== undefined && TRAILER_SAFE.test(field) ? [field] : []));
    return fields.length > 0 ? { [FIELD_TRAILER]: fields } : {};
  }
}

function describeViolation({ field, rule, got }: FieldViolation): string {
  const found = got === undefined ? '' : `, got ${got}`;
  return field === undefined ? `${rule}${found}` : `${field}: ${rule}${found}`;
}
