import { fraudDetectionConfigFrom } from '../fraud-detection.config';
import { aVote, flaggedIds, HOUR, idsOf, MINUTE, replay, T0 } from '../testing/observed-votes.fixture';
import { detectSharedDevice } from './shared-device.detector';

describe('detectSharedDevice', () => {
  it('leaves a couple sharing one phone alone', () => {
    const votes = ['bride', 'groom'].flatMap((voterId, i) =>
      ['r1', 'r2', 'r3'].map((featureRequestId, j) =>
        aVote({ voterId, featureRequestId, deviceHash: 'phone', castAt: T0 + i * HOUR + j * MINUTE }),
      ),
    );
    expect(replay(detectSharedDevice, votes).findings).toEqual([]);
  });

  it('flags every vote of three accounts on one device, the earlier ones included', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((voterId, i) =>
      aVote({ voterId, deviceHash: 'farm-phone', castAt: T0 + i * HOUR }),
    );
    const elsewhere = aVote({ voterId: 'a', featureRequestId: 'r2', deviceHash: 'laptop', castAt: T0 + 3 * MINUTE });
    const { findings } = replay(detectSharedDevice, [a, elsewhere, b, c]);
    expect(flaggedIds(findings)).toEqual(idsOf([a, b, c, elsewhere]));
    expect(findings[0]).toMatchObject({
      kind: 'shared_device',
      score: 0.7,
      explanation: '3 accounts voted from one device within 24 h',
    });
    expect(findings[0]?.relatedVoteIds).toHaveLength(3);
    expect(findings[0]?.relatedVoteIds).not.toContain(findings[0]?.voteId);
  });

  it('reports each vote once, however many puppets follow, and scores more accounts higher', () => {
    const votes = Array.from({ length: 6 }, (_, i) => aVote({ voterId: `p${i}`, deviceHash: 'farm', castAt: T0 + i * MINUTE }));
    const { findings } = replay(detectSharedDevice, votes);
    expect(flaggedIds(findings)).toEqual(idsOf(votes));
    expect(findings.at(-1)?.score).toBeCloseTo(0.7 + 0.3 * 0.5);
  });

  it('does not count accounts outside the window or votes that were retracted', () => {
    const config = fraudDetectionConfigFrom({ sharedDevice: { windowMs: 2 * HOUR } });
    const longAgo = aVote({ voterId: 'a', deviceHash: 'tablet', castAt: T0 });
    const retracted = aVote({ voterId: 'b', deviceHash: 'tablet', castAt: T0 + 2 * HOUR });
    const now = aVote({ voterId: 'c', deviceHash: 'tablet', castAt: T0 + 3 * HOUR });
    const { window, findings } = replay(detectSharedDevice, [longAgo, retracted], config);
    window.retract({ voteId: retracted.voteId, at: T0 + 2 * HOUR + MINUTE });
    expect([...findings, ...replay(detectSharedDevice, [now], config, window).findings]).toEqual([]);
  });

  it('ignores unknown devices', () => {
    const votes = ['a', 'b', 'c', 'd'].map((voterId) => aVote({ voterId, deviceHash: '' }));
    expect(replay(detectSharedDevice, votes).findings).toEqual([]);
  });
});
