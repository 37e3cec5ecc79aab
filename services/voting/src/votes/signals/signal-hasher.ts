import { createHmac } from 'node:crypto';
import { hashSignals } from '@frm/fraud-detection';
import type { VoteSignals } from '../domain';

export interface RawSignals {
  readonly clientAddress?: string;
  readonly deviceFingerprint?: string;
  readonly userAgent?: string;
}

/**
 * Turns what the gateway saw (client address, device fingerprint, user agent) into keyed hashes:
 * comparable between votes, useless to anyone without the key. An unkeyed hash of an IPv4 address
 * is reversed by trying all 2^32, so the key is the point. Empty when the signal is unknown.
 */
export class SignalHasher {
  constructor(private readonly key: Buffer) {}

  hash(raw: RawSignals): VoteSignals {
    const hashed = hashSignals({ ipAddress: raw.clientAddress, deviceFingerprint: raw.deviceFingerprint }, this.key);
    const userAgent = raw.userAgent?.trim() ?? '';
    return {
      ...hashed,
      userAgentHash: userAgent === '' ? '' : createHmac('sha256', this.key).update(`user-agent\u0000${userAgent}`).digest('hex'),
    };
  }
}
