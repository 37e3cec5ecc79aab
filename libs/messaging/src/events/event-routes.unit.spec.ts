import { assertValidRoutes, findRoute, frmEventRoutes, routedEventsFilter, topicsOf, withTopics, type EventRoute } from './event-routes';

describe('event routes', () => {
  it('take the route with the longest matching prefix', () => {
    const special: EventRoute = { ...(frmEventRoutes[1] as EventRoute), eventTypePrefix: 'frm.events.v1.VoteFlagged', topic: 'frm.fraud.v1' };
    const routes = [...frmEventRoutes, special];
    expect(findRoute(routes, 'frm.events.v1.VoteFlagged')?.topic).toBe('frm.fraud.v1');
    expect(findRoute(routes, 'frm.events.v1.VoteCast')?.topic).toBe('frm.votes.v1');
    expect(findRoute(routes, 'frm.events.v1.FeatureRequestMerged')?.topic).toBe('frm.feature-requests.v1');
    expect(findRoute(routes, 'frm.events.v1.Unknown')).toBeUndefined();
  });

  it('rename topics, list them once each and select their events in a subscription', () => {
    const routes = withTopics(frmEventRoutes, { 'frm.votes.v1': 'votes-test' });
    expect(topicsOf(routes)).toEqual(['frm.feature-requests.v1', 'votes-test']);
    expect(topicsOf([...routes, ...routes])).toHaveLength(2);
    expect(routedEventsFilter(routes)).toEqual({ eventTypePrefixes: ['frm.events.v1.FeatureRequest', 'frm.events.v1.Vote'] });
  });

  it('refuse a table that cannot work', () => {
    expect(() => assertValidRoutes(frmEventRoutes)).not.toThrow();
    expect(() => assertValidRoutes([])).toThrow(/No event routes/);
    expect(() => assertValidRoutes([...frmEventRoutes, frmEventRoutes[0] as EventRoute])).toThrow(/Two routes claim/);
    expect(() => assertValidRoutes([{ ...(frmEventRoutes[0] as EventRoute), topic: '' }])).toThrow(/has no topic/);
  });
});
