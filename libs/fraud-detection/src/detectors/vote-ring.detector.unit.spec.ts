import { fraudDetectionConfigFrom } from '../fraud-detection.config';
import type { ObservedVote } from '../observed-vote';
import { aVote, background, flaggedIds, idsOf, MINUTE, replay, T0 } from '../testing/observed-votes.fixture';
import { detectVoteRing } from './vote-ring.detector';

const OBSCURE = ['obscure-1', 'obscure-2', 'obscure-3', 'obscure-4', 'obscure-5'];
let clock = T0;

/** The voter's votes on the given requests, a minute apart, later than every vote made before. */
function votesOf(voterId: string, requests: readonly string[]): ObservedVote[] {
  return requests.map((featureRequestId) => aVote({ voterId, featureRequestId, castAt: (clock += MINUTE) }));
}

describe('detectVoteRing', () => {
  it('flags a ring of accounts voting the same obscure requests, only on those requests', () => {
    const ring = ['a', 'b', 'c', 'd', 'e', 'f'].map((member) => votesOf(member, [...OBSCURE, 'popular-1']));
    const { findings } = replay(detectVoteRing, [...background(300), ...ring.flat()]);
    const onObscure = ring.flat().filter((vote) => vote.featureRequestId.startsWith('obscure'));
    expect(flaggedIds(findings)).toEqual(idsOf(onObscure));
    // Found at the fourth member's fourth obscure vote.
    expect(findings[0]).toMatchObject({
      kind: 'vote_ring',
      score: 0.7,
      explanation: "4 accounts voted the same 4 rarely voted requests; each partner's votes are at least 67% the same as the voter's",
    });
  });

  it("leaves organic voters sharing the board's favourites alone", () => {
    const favourites = ['popular-1', 'popular-2', 'popular-3', 'popular-4', 'popular-5'];
    const popular = Array.from({ length: 300 }, (_, i) => votesOf(`fan-${i}`, favourites)).flat();
    expect(replay(detectVoteRing, popular).findings).toEqual([]);
  });

  it('leaves a couple voting the same obscure requests alone: a pair is not a ring', () => {
    const couple = [...votesOf('bride', OBSCURE), ...votesOf('groom', OBSCURE)];
    expect(replay(detectVoteRing, [...background(300), ...couple]).findings).toEqual([]);
  });

  it('leaves accounts alone whose shared requests are a small part of what they voted', () => {
    const broad = ['a', 'b', 'c', 'd'].map((member) =>
      votesOf(member, [...OBSCURE.slice(0, 4), ...[1, 2, 3, 4, 5, 6].map((n) => `${member}-own-${n}`)]),
    );
    expect(replay(detectVoteRing, [...background(300), ...broad.flat()]).findings).toEqual([]);
  });

  it('lets a member with too few partners of its own join a ring already reported', () => {
    const config = fraudDetectionConfigFrom({ voteRing: { minRingSize: 5 } });
    const extras = ['extra-1', 'extra-2'];
    const ring = [
      ...['a', 'b'].map((member) => votesOf(member, OBSCURE)),
      ...['c', 'd', 'e'].map((member) => votesOf(member, [...OBSCURE, ...extras])),
    ].flat();
    // Alike enough (Jaccard ≥ 0.5) only to a and b, whose sets are smallest.
    const straggler = votesOf('g', ['g-own-1', 'g-own-2', 'g-own-3', ...OBSCURE.slice(0, 4)]);
    const onRing = straggler.slice(3);
    const joined = replay(detectVoteRing, [...background(300), ...ring, ...straggler], config).findings;
    expect(flaggedIds(joined)).toEqual(expect.arrayContaining(idsOf(onRing)));
    expect(flaggedIds(joined)).not.toContain(straggler[0]?.voteId);

    const stricter = fraudDetectionConfigFrom({ voteRing: { minRingSize: 5, minKnownRingPartners: 3 } });
    const alone = replay(detectVoteRing, [...background(300), ...ring, ...straggler], stricter).findings;
    expect(flaggedIds(alone)).toEqual(expect.arrayContaining(idsOf(ring.filter((vote) => vote.featureRequestId.startsWith('obscure')))));
    expect(flaggedIds(alone)).not.toContain(onRing[0]?.voteId);
  });

  it('does not count the votes of a member who retracted them', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((member) => votesOf(member, OBSCURE));
    const { window } = replay(detectVoteRing, [...background(300), ...a, ...b, ...c]);
    for (const vote of c) window.retract({ voteId: vote.voteId, at: clock });
    expect(replay(detectVoteRing, votesOf('d', OBSCURE), undefined, window).findings).toEqual([]);
  });
});
