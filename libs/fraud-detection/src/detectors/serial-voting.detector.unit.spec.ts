import type { ObservedVote } from '../observed-vote';
import { aVote, flaggedIds, idsOf, MINUTE, replay, T0 } from '../testing/observed-votes.fixture';
import { detectSerialVoting } from './serial-voting.detector';

let clock = T0;
const votesFor = (voterId: string, requestAuthorId: string, count: number): ObservedVote[] =>
  Array.from({ length: count }, () =>
    aVote({ voterId, requestAuthorId, featureRequestId: `${requestAuthorId}-request-${clock}`, castAt: (clock += MINUTE) }),
  );

describe('detectSerialVoting', () => {
  it("flags an account that votes little but one author's requests", () => {
    const pushed = votesFor('friend', 'prolific', 5);
    const { findings } = replay(detectSerialVoting, [...votesFor('friend', 'someone-else', 1), ...pushed]);
    expect(flaggedIds(findings)).toEqual(idsOf(pushed));
    expect(findings[0]).toMatchObject({
      kind: 'serial_voting',
      score: 0.6,
      explanation: 'one account gave 5 of its 6 votes to 5 requests by one author',
    });
  });

  it('leaves a fan of one author who votes widely alone', () => {
    const votes = [...votesFor('fan', 'a', 2), ...votesFor('fan', 'b', 1), ...votesFor('fan', 'prolific', 5)];
    expect(replay(detectSerialVoting, votes).findings).toEqual([]);
  });

  it("leaves a voter of a few of an author's requests alone", () => {
    expect(replay(detectSerialVoting, votesFor('fan', 'prolific', 4)).findings).toEqual([]);
  });

  it('leaves authors upvoting their own requests alone', () => {
    expect(replay(detectSerialVoting, votesFor('prolific', 'prolific', 8)).findings).toEqual([]);
  });

  it('reports each vote once as more follow', () => {
    const pushed = votesFor('friend', 'prolific', 8);
    expect(flaggedIds(replay(detectSerialVoting, pushed).findings)).toEqual(idsOf(pushed));
  });

  it('does not count retracted votes', () => {
    const [first, ...rest] = votesFor('friend', 'prolific', 5);
    const { window } = replay(detectSerialVoting, [first]);
    window.retract({ voteId: first.voteId, at: clock });
    expect(replay(detectSerialVoting, rest, undefined, window).findings).toEqual([]);
  });
});
