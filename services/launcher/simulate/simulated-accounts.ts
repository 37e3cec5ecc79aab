import { v5 as uuidv5 } from 'uuid';
import type { SimulatedTraffic, SimulatedVoter } from '@frm/fraud-detection';
import { signAccessToken } from '@frm/gateway';
import type { SimulationClock } from './simulation-clock';

// Fixed and random: a simulated id gives the same UUID in every run, so runs can be compared.
const ACCOUNT_NAMESPACE = '8d1f4b6e-2a73-4c95-9e08-5b3c7a1d6f24';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A simulated account id as the token's `sub`, which must be a UUID. */
export function accountUuidOf(simulatedId: string): string {
  return UUID.test(simulatedId) ? simulatedId.toLowerCase() : uuidv5(`account\n${simulatedId}`, ACCOUNT_NAMESPACE);
}

/**
 * The headers a simulated voter's browser sends through the trusted loopback proxy: a token whose
 * `account_created_at` is the creation time on the simulation clock, the client address in
 * X-Forwarded-For, the device fingerprint and the user agent.
 */
export async function voterHeaders(
  voter: SimulatedVoter,
  clock: SimulationClock,
  secret: string,
  expiresInSeconds: number,
): Promise<Record<string, string>> {
  const token = await signAccessToken(
    {
      sub: accountUuidOf(voter.id),
      roles: ['couple'],
      expiresInSeconds,
      // Whole seconds, as the claim is: under a scale of 120 that is two simulated minutes at most.
      claims: { account_created_at: Math.max(0, Math.round(clock.toReal(voter.accountCreatedAt) / 1000)) },
    },
    secret,
  );
  return {
    authorization: `Bearer ${token}`,
    'x-forwarded-for': voter.ipAddress,
    'x-device-fingerprint': voter.deviceFingerprint,
    'user-agent': voter.userAgent,
  };
}

/** Every voter's headers by simulated id. */
export async function headersOfVoters(
  traffic: SimulatedTraffic,
  clock: SimulationClock,
  secret: string,
  expiresInSeconds: number,
): Promise<Map<string, Record<string, string>>> {
  const signed = await Promise.all(
    traffic.voters.map(async (voter) => [voter.id, await voterHeaders(voter, clock, secret, expiresInSeconds)] as const),
  );
  return new Map(signed);
}
