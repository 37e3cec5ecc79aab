import { dateFromTimestamp, type frmV1 } from '@frm/contracts';
import { parsePosition, type Position } from '@frm/event-store';
import { InvalidArgumentError, type FieldViolation } from '@frm/grpc-errors';
import type { EventRoute } from '@frm/messaging';

export const DEFAULT_REPUBLISH_RATE = 500;
export const MAX_REPUBLISH_RATE = 10_000;

/** What to send again, checked: where it starts and ends, through which routes, how fast. */
export interface RepublishPlan {
  readonly from: { readonly after: Position } | { readonly time: Date };
  /** Inclusive; absent: the head when the work starts. */
  readonly to?: { readonly position: Position } | { readonly time: Date };
  readonly routes: readonly EventRoute[];
  readonly ratePerSecond: number;
}

/** The plan of a RepublishEvents request, or INVALID_ARGUMENT naming every field that is wrong. */
export function republishPlanOf(request: frmV1.RepublishEventsRequest, routes: readonly EventRoute[]): RepublishPlan {
  const violations: FieldViolation[] = [];
  const fromPosition = positionOf('from_position', request.fromPosition, violations);
  const toPosition = positionOf('to_position', request.toPosition, violations);
  const fromTime = request.fromTime ? dateFromTimestamp(request.fromTime) : undefined;
  const toTime = request.toTime ? dateFromTimestamp(request.toTime) : undefined;
  if (request.fromPosition === '' && fromTime === undefined) {
    violations.push({ field: 'from_position', rule: 'give where to start: from_position ("<commit>/<prepare>", "0/0" for the first event) or from_time' });
  } else if (request.fromPosition !== '' && fromTime !== undefined) {
    violations.push({ field: 'from_time', rule: 'give from_position or from_time, not both' });
  }
  if (request.toPosition !== '' && toTime !== undefined) violations.push({ field: 'to_time', rule: 'give to_position or to_time, not both' });
  if (fromTime && toTime && toTime < fromTime) violations.push({ field: 'to_time', rule: 'must not be before from_time' });
  const known = new Set(routes.map((route) => route.topic));
  const unknown = request.topics.filter((topic) => !known.has(topic));
  if (unknown.length > 0) violations.push({ field: 'topics', rule: `${unknown.join(', ')} is not a topic of the platform; use some of ${[...known].join(', ')}, or none for all` });
  const rate = request.ratePerSecond === 0 ? DEFAULT_REPUBLISH_RATE : request.ratePerSecond;
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_REPUBLISH_RATE) {
    violations.push({ field: 'rate_per_second', rule: `must be 1 to ${MAX_REPUBLISH_RATE.toLocaleString('en')} messages a second (0: ${DEFAULT_REPUBLISH_RATE})`, got: request.ratePerSecond });
  }
  const [first, ...rest] = violations;
  if (first) throw new InvalidArgumentError([first, ...rest]);
  const wanted = request.topics.length === 0 ? routes : routes.filter((route) => request.topics.includes(route.topic));
  return {
    from: fromPosition ? { after: fromPosition } : { time: fromTime as Date },
    ...(toPosition ? { to: { position: toPosition } } : toTime ? { to: { time: toTime } } : {}),
    routes: wanted,
    ratePerSecond: rate,
  };
}

function positionOf(field: string, text: string, violations: FieldViolation[]): Position | undefined {
  if (text === '') return undefined;
  try {
    return parsePosition(text);
  } catch {
    violations.push({ field, rule: 'must be a position "<commit>/<prepare>", as frm dr projections and the frm-position header show it' });
    return undefined;
  }
}
