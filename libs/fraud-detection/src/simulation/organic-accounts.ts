import type { SimulatedVoter } from './simulated-traffic';
import { DAY, HOUR, MINUTE, SUPPLIER_SEGMENTS, type Segment, type TrafficBuilder } from './traffic-builder';

/** An organic account and how it will behave. */
export interface OrganicAccount {
  voter: SimulatedVoter;
  segment: Segment;
  votes: number;
  sessionStart: number;
  /** A partner whose votes this account partly copies (couples plan together). */
  partner?: OrganicAccount;
}

/** The sizes below (venues of 40–80 people) are for a board of this many voters, scaled for others. */
const REFERENCE_VOTERS = 3_000;

interface Draft {
  segment: Segment;
  brandNew: boolean;
  votes: number;
  sessionStart: number;
  createdAt: number;
  deviceFingerprint: string;
  userAgent: string;
  ipAddress: string;
  partner?: Draft;
}

type Take = (wanted: number, predicate?: (draft: Draft) => boolean) => Draft[];

/**
 * Organic accounts with the hard cases the detectors must leave alone: a few brand-new and young
 * accounts, couples on one household IP and some on one phone, offices, a venue's wifi during
 * a wedding fair, mobile carriers putting many customers behind one /24, and neighbours sharing
 * a residential /24 by chance.
 */
export function createOrganicAccounts(builder: TrafficBuilder, count: number): OrganicAccount[] {
  const drafts = Array.from({ length: count }, () => draftAccount(builder));
  const unplaced = new Set(builder.random.shuffle(drafts));
  const take: Take = (wanted, predicate = () => true) => {
    const taken: Draft[] = [];
    for (const draft of unplaced) {
      if (taken.length >= wanted) break;
      if (!predicate(draft)) continue;
      unplaced.delete(draft);
      taken.push(draft);
    }
    return taken;
  };

  pairCouples(builder, take, drafts.filter((draft) => draft.segment === 'couple').length);
  holdWeddingFairs(builder, take, count / REFERENCE_VOTERS);
  formOffices(builder, take, drafts.filter((draft) => draft.segment !== 'couple').length);
  const carriers = Array.from({ length: 4 }, () => builder.publicNetwork());
  for (const mobile of take(Math.round(count * 0.12))) mobile.ipAddress = builder.hostIn(builder.random.pick(carriers));
  for (const rest of take(count)) rest.ipAddress = builder.residentialIp();

  const accounts = new Map<Draft, OrganicAccount>();
  for (const draft of drafts) {
    const { deviceFingerprint, ipAddress, userAgent, segment, votes, sessionStart } = draft;
    const voter = builder.addVoter({ accountCreatedAt: Math.round(draft.createdAt), deviceFingerprint, ipAddress, userAgent });
    accounts.set(draft, { voter, segment, votes, sessionStart });
  }
  for (const [draft, account] of accounts) if (draft.partner) account.partner = accounts.get(draft.partner);
  return [...accounts.values()];
}

function draftAccount(builder: TrafficBuilder): Draft {
  const random = builder.random;
  const sessionStart = builder.startAt + random.between(0, builder.durationMs * 0.97);
  // Brand new: signed up minutes to hours before voting, and votes a little (a few vote more).
  const brandNew = random.chance(0.02);
  if (brandNew) {
    const votes = random.chance(0.08) ? random.int(5, 6) : random.int(1, 4);
    return draft(builder, { brandNew, votes, sessionStart, createdAt: sessionStart - random.between(5 * MINUTE, 20 * HOUR) });
  }
  // Most vote a handful, a few vote nearly everything they like.
  const votes = 1 + Math.floor(15 * random.float() ** 2);
  const roll = random.float();
  const age =
    roll < 0.02
      ? random.between(DAY, 14 * DAY)
      : roll < 0.07
        ? random.between(14 * DAY, 60 * DAY)
        : random.logUniform(60 * DAY, 6 * 365 * DAY);
  return draft(builder, { brandNew, votes, sessionStart, createdAt: builder.startAt - age });
}

function draft(builder: TrafficBuilder, behaviour: Pick<Draft, 'brandNew' | 'votes' | 'sessionStart' | 'createdAt'>): Draft {
  return {
    ...behaviour,
    segment: builder.random.chance(0.65) ? 'couple' : builder.random.pick(SUPPLIER_SEGMENTS),
    deviceFingerprint: builder.deviceFingerprint(),
    userAgent: builder.userAgent(),
    ipAddress: '',
  };
}

/** Couples where both partners vote: one household IP, and one in ten on one phone, one after the other. */
function pairCouples(builder: TrafficBuilder, take: Take, couples: number): void {
  for (let pairs = Math.round(couples * 0.15); pairs > 0; pairs--) {
    const [first, second] = take(2, (candidate) => candidate.segment === 'couple' && !candidate.brandNew);
    if (!first || !second) return;
    first.ipAddress = second.ipAddress = builder.residentialIp();
    second.partner = first;
    if (builder.random.chance(0.1)) {
      second.deviceFingerprint = first.deviceFingerprint;
      second.userAgent = first.userAgent;
      second.sessionStart = first.sessionStart + first.votes * MINUTE + builder.random.between(MINUTE, 20 * MINUTE);
    }
  }
}

/** A wedding fair: 40–80 visitors on the venue's wifi (one public IP), all voting within the hour. */
function holdWeddingFairs(builder: TrafficBuilder, take: Take, scale: number): void {
  for (let fairs = Math.max(1, Math.round(2 * scale)); fairs > 0; fairs--) {
    const venueIp = builder.hostIn(builder.publicNetwork());
    const opensAt = builder.startAt + builder.random.between(0, builder.durationMs - HOUR);
    for (const visitor of take(Math.max(5, Math.round(builder.random.int(40, 80) * scale)))) {
      visitor.ipAddress = venueIp;
      visitor.sessionStart = opensAt + builder.random.between(0, 50 * MINUTE);
    }
  }
}

/** Three in ten suppliers work in offices of 3–8 behind one IP, voting whenever they like. */
function formOffices(builder: TrafficBuilder, take: Take, suppliers: number): void {
  for (let staff = Math.round(suppliers * 0.3); staff > 0; ) {
    const office = take(builder.random.int(3, 8), (candidate) => candidate.segment !== 'couple');
    if (office.length === 0) return;
    const officeIp = builder.hostIn(builder.publicNetwork());
    for (const colleague of office) colleague.ipAddress = officeIp;
    staff -= office.length;
  }
}
