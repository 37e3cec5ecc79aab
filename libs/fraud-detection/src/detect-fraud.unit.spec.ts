import { detectFraud } from './detect-fraud';
import { DetectorWindow } from './detector-window';
import { fraudDetectionConfigFrom } from './fraud-detection.config';
import type { Finding, ObservedVote } from './observed-vote';
import { aVote, HOUR, MINUTE, T0 } from './testing/observed-votes.fixture';

function run(votes: readonly ObservedVote[], window = new DetectorWindow(), config = fraudDetectionConfigFrom()): Finding[] {
  const findings: Finding[] = [];
  for (const vote of votes) if (window.add(vote)) findings.push(...detectFraud(window, vote, config));
  return findings;
}

/** Brand-new accounts on one phone, each voting five requests: sockpuppets and new accounts at once. */
const farm = (accounts: number) =>
  Array.from({ length: accounts }, (_, account) =>
    Array.from({ length: 5 }, (_, i) =>
      aVote({
        voterId: `puppet-${account}`,
        featureRequestId: `request-${i}`,
        deviceHash: 'farm-phone',
        castAt: T0 + account * 10 * MINUTE + i * MINUTE,
        accountCreatedAt: T0 - HOUR,
      }),
    ),
  ).flat();

describe('detectFraud', () => {
  it('finds nothing in an ordinary vote', () => {
    expect(run([aVote()])).toEqual([]);
  });

  it('reports each vote once per kind, under every kind that applies', () => {
    const votes = farm(3);
    const findings = run(votes);
    const pairs = findings.map((finding) => `${finding.voteId}/${finding.kind}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(findings.filter((finding) => finding.kind === 'new_account')).toHaveLength(15);
    expect(findings.filter((finding) => finding.kind === 'shared_device')).toHaveLength(15);
  });

  it('records what it reported in the window and does not report it again', () => {
    const window = new DetectorWindow();
    const votes = farm(3);
    run(votes, window);
    const last = votes.at(-1) as ObservedVote;
    expect(window.wasReported(last.voteId, 'shared_device')).toBe(true);
    expect(detectFraud(window, last)).toEqual([]);
  });

  it('lists at most the configured number of related votes', () => {
    const config = fraudDetectionConfigFrom({ findings: { maxRelatedVoteIds: 4 } });
    const findings = run(farm(4), new DetectorWindow(config), config);
    expect(Math.max(...findings.map((finding) => finding.relatedVoteIds.length))).toBe(4);
  });
});
