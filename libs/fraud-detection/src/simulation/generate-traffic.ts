import { addBoughtBurst } from './attacks/burst.attack';
import { addNewAccountCampaign } from './attacks/new-accounts.attack';
import { addSerialVoters } from './attacks/serial-voting.attack';
import { addOfficeCampaign } from './attacks/shared-network.attack';
import { addSockpuppetFarm } from './attacks/sockpuppets.attack';
import { addVoteRing } from './attacks/vote-ring.attack';
import { addOrganicTraffic } from './organic-traffic';
import {
  ATTACK_KINDS,
  type AttackKind,
  type SimulatedTraffic,
  type SimulatedVoter,
  type TrafficOptions,
} from './simulated-traffic';
import { HOUR, TrafficBuilder } from './traffic-builder';

type AddAttack = (builder: TrafficBuilder, prolificAuthors: readonly SimulatedVoter[]) => void;

/**
 * How often each attack happens in one traffic; the small ones twice, so that recall is not
 * measured on a handful of votes.
 */
const ATTACKS: Record<AttackKind, { times: number; add: AddAttack }> = {
  sockpuppets: { times: 1, add: addSockpuppetFarm },
  shared_network: { times: 2, add: addOfficeCampaign },
  vote_ring: { times: 2, add: addVoteRing },
  burst: { times: 2, add: addBoughtBurst },
  new_accounts: { times: 1, add: addNewAccountCampaign },
  serial_voting: { times: 1, add: addSerialVoters },
};

/**
 * Labelled voting traffic from a seed: the same seed gives the same traffic, byte for byte. A
 * board of requests with Zipf-distributed popularity, thousands of organic voters with the hard
 * cases (shared phones, households, offices, a venue's wifi, mobile carriers, new accounts), and
 * the attacks mixed in at realistic sizes under ids and signals that look like everyone else's.
 */
export function generateTraffic(options: TrafficOptions): SimulatedTraffic {
  const settings = {
    seed: options.seed,
    voters: options.voters ?? 3_000,
    requests: options.requests ?? 300,
    durationMs: options.durationMs ?? 6 * HOUR,
    startAt: options.startAt ?? Date.UTC(2025, 5, 7, 8),
    zipfExponent: options.zipfExponent ?? 1.1,
  };
  if (settings.durationMs < 4 * HOUR) {
    throw new RangeError('simulated traffic needs at least 4 h: the slowest attacks take that long');
  }
  const builder = new TrafficBuilder(settings);
  const prolific = addOrganicTraffic(builder, settings.voters, settings.zipfExponent);
  for (const kind of options.attacks ?? ATTACK_KINDS) {
    for (let time = 0; time < ATTACKS[kind].times; time++) ATTACKS[kind].add(builder, prolific);
  }
  return builder.build();
}
