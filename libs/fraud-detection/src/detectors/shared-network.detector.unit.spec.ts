import { aVote, background, flaggedIds, HOUR, idsOf, MINUTE, replay, T0 } from '../testing/observed-votes.fixture';
import { detectSharedNetwork } from './shared-network.detector';

const fromNetwork = (count: number, featureRequestId: string, spacingMs: number, networkHash = 'office') =>
  Array.from({ length: count }, (_, i) =>
    aVote({ voterId: `${networkHash}-${i}`, featureRequestId, networkHash, castAt: T0 + i * spacingMs }),
  );

describe('detectSharedNetwork', () => {
  it('leaves a household voting together alone', () => {
    expect(replay(detectSharedNetwork, [...background(300), ...fromNetwork(4, 'obscure', MINUTE, 'home')]).findings).toEqual([]);
  });

  it("leaves a venue's wifi full of people voting the board's favourite alone", () => {
    const fair = fromNetwork(60, 'popular-1', 30_000, 'venue-wifi');
    expect(replay(detectSharedNetwork, [...background(300), ...fair]).findings).toEqual([]);
  });

  it('flags accounts of one network voting the same obscure request within the hour, each once', () => {
    const office = fromNetwork(7, 'obscure', 6 * MINUTE);
    const { findings } = replay(detectSharedNetwork, [...background(300), ...office]);
    expect(flaggedIds(findings)).toEqual(idsOf(office));
    expect(findings[0]).toMatchObject({
      kind: 'shared_network',
      explanation: '5 accounts from one network voted the same request within 1 h; chance would give 0.1',
    });
    expect(findings[0]?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves the same accounts alone when their votes are hours apart', () => {
    expect(replay(detectSharedNetwork, [...background(300), ...fromNetwork(7, 'obscure', HOUR)]).findings).toEqual([]);
  });

  it('does not count a retracted vote', () => {
    const [first, second, ...rest] = fromNetwork(5, 'obscure', MINUTE);
    const { window } = replay(detectSharedNetwork, [...background(300), first, second]);
    window.retract({ voteId: second.voteId, at: T0 + 2 * MINUTE });
    expect(replay(detectSharedNetwork, rest, undefined, window).findings).toEqual([]);
  });

  it('ignores unknown networks', () => {
    expect(replay(detectSharedNetwork, [...background(300), ...fromNetwork(8, 'obscure', MINUTE, '')]).findings).toEqual([]);
  });
});
