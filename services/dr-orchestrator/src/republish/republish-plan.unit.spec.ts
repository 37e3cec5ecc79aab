import { frmV1, timestampFromDate } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { frmEventRoutes } from '@frm/messaging';
import { republishPlanOf } from './republish-plan';

const request = (overrides: Partial<frmV1.RepublishEventsRequest>) => frmV1.RepublishEventsRequest.fromPartial(overrides);

describe('republishPlanOf', () => {
  it('reads a position or a time to start from, an optional end, the topics and the rate', () => {
    expect(republishPlanOf(request({ fromPosition: '12/40' }), frmEventRoutes)).toEqual({
      from: { after: { commit: 12n, prepare: 40n } },
      routes: frmEventRoutes,
      ratePerSecond: 500,
    });
    const from = new Date('2026-11-20T00:00:00Z');
    const to = new Date('2026-11-21T00:00:00Z');
    const plan = republishPlanOf(request({ fromTime: timestampFromDate(from), toTime: timestampFromDate(to), topics: ['frm.votes.v1'], ratePerSecond: 50 }), frmEventRoutes);
    expect(plan).toEqual({ from: { time: from }, to: { time: to }, routes: frmEventRoutes.filter((route) => route.topic === 'frm.votes.v1'), ratePerSecond: 50 });
  });

  it('refuses a missing or doubled start, a wrong position, an unknown topic and a rate out of range, naming each field', () => {
    const refusal = (overrides: Partial<frmV1.RepublishEventsRequest>) => {
      try {
        republishPlanOf(request(overrides), frmEventRoutes);
      } catch (error) {
        if (error instanceof InvalidArgumentError) return error.message;
        throw error;
      }
      throw new Error('not refused');
    };
    expect(refusal({})).toMatch(/^from_position: give where to start/);
    expect(refusal({ fromPosition: '0/0', fromTime: timestampFromDate(new Date()) })).toBe('from_time: give from_position or from_time, not both');
    expect(refusal({ fromPosition: 'yesterday' })).toMatch(/^from_position: must be a position "<commit>\/<prepare>"/);
    expect(refusal({ fromPosition: '0/0', topics: ['frm.weddings.v1'] })).toBe(
      'topics: frm.weddings.v1 is not a topic of the platform; use some of frm.feature-requests.v1, frm.votes.v1, or none for all',
    );
    expect(refusal({ fromPosition: '0/0', ratePerSecond: 20_000 })).toMatch(/^rate_per_second: must be 1 to 10,000 messages a second \(0: 500\), got 20000$/);
    expect(refusal({ fromTime: timestampFromDate(new Date('2026-11-21')), toTime: timestampFromDate(new Date('2026-11-20')) })).toBe('to_time: must not be before from_time');
  });
});
