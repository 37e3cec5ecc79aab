import type { EventFilter } from '@frm/event-store';

/**
 * Where one family of events goes on Kafka. A family is every event type that starts with
 * `eventTypePrefix`, which is also how the event store's subscriptions select it.
 */
export interface EventRoute {
  /** `frm.events.v1.FeatureRequest`: every event type starting with it takes this route. */
  readonly eventTypePrefix: string;
  readonly topic: string;
  /** CloudEvents `source`: the context that emits the family (the owning service). */
  readonly source: string;
  /** Data field (canonical JSON name) holding the aggregate id, sent as CloudEvents `subject`. */
  readonly subjectField: string;
  /**
   * Data field whose value is the Kafka key. Events with one key stay in order on one partition, so
   * it must be the same for every event of a stream (the aggregate id or something that contains it).
   */
  readonly keyField: string;
}

/** The topic names of the platform's event families. */
export const FEATURE_REQUESTS_TOPIC = 'frm.feature-requests.v1';
export const VOTES_TOPIC = 'frm.votes.v1';

/**
 * The routes of the platform's events; services add theirs to this list.
 *
 * Votes are keyed by their feature request, not by the vote: a vote stream belongs to exactly one
 * request (`vote-<requestId>-<voterId>`), so each vote's events still stay in order, and on top of
 * that every vote of one request is in order on one partition, which is what tallies, fraud checks
 * and triage read. The cost is that a very popular request's votes all land on one partition.
 */
export const frmEventRoutes: readonly EventRoute[] = Object.freeze([
  {
    eventTypePrefix: 'frm.events.v1.FeatureRequest',
    topic: FEATURE_REQUESTS_TOPIC,
    source: '/frm/intake',
    subjectField: 'featureRequestId',
    keyField: 'featureRequestId',
  },
  {
    eventTypePrefix: 'frm.events.v1.Vote',
    topic: VOTES_TOPIC,
    source: '/frm/voting',
    subjectField: 'voteId',
    keyField: 'featureRequestId',
  },
]);

/** The route of an event type: the one with the longest matching prefix, or `undefined`. */
export function findRoute(routes: readonly EventRoute[], eventType: string): EventRoute | undefined {
  let found: EventRoute | undefined;
  for (const route of routes) {
    if (eventType.startsWith(route.eventTypePrefix) && route.eventTypePrefix.length > (found?.eventTypePrefix.length ?? -1)) {
      found = route;
    }
  }
  return found;
}

/** The same routes with some topics renamed (per environment, or unique topics in tests). */
export function withTopics(routes: readonly EventRoute[], renames: Readonly<Record<string, string>>): EventRoute[] {
  return routes.map((route) => ({ ...route, topic: renames[route.topic] ?? route.topic }));
}

/** The distinct topics of the routes, in route order. */
export function topicsOf(routes: readonly EventRoute[]): string[] {
  return [...new Set(routes.map((route) => route.topic))];
}

/** Selects, in an event store subscription, exactly the events that have a route. */
export function routedEventsFilter(routes: readonly EventRoute[]): EventFilter {
  return { eventTypePrefixes: routes.map((route) => route.eventTypePrefix) };
}

/** Throws naming the problem when the routes cannot work: an empty prefix or topic, or a prefix used twice. */
export function assertValidRoutes(routes: readonly EventRoute[]): void {
  if (routes.length === 0) throw new RangeError('No event routes given: the relay would publish nothing');
  const seen = new Set<string>();
  for (const route of routes) {
    if (!route.eventTypePrefix) throw new RangeError(`The route to ${route.topic} has an empty event type prefix`);
    if (!route.topic) throw new RangeError(`The route of ${route.eventTypePrefix} has no topic`);
    if (!route.keyField || !route.subjectField) throw new RangeError(`The route of ${route.eventTypePrefix} needs a key field and a subject field`);
    if (seen.has(route.eventTypePrefix)) throw new RangeError(`Two routes claim the event type prefix ${route.eventTypePrefix}`);
    seen.add(route.eventTypePrefix);
  }
}
