import { randomUUID } from 'node:crypto';
import { signAccessToken, type Role } from '@frm/gateway';

const YEAR_OLD_ACCOUNT = () => Math.floor(Date.now() / 1000) - 400 * 86_400;

/** Who makes a call: the token's header and the client address the gateway trusts from X-Forwarded-For. */
export interface Caller {
  readonly subject: string;
  readonly headers: Record<string, string>;
}

/** Signs the tokens of the load, every account a year old (a new account is a fraud signal of its own). */
export class TokenMint {
  constructor(private readonly secret: string) {}

  async caller(role: Role, address: string, subject: string = randomUUID()): Promise<Caller> {
    const token = await signAccessToken({ sub: subject, roles: [role], expiresInSeconds: 4 * 3600, claims: { account_created_at: YEAR_OLD_ACCOUNT() } }, this.secret);
    return { subject, headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } };
  }
}

/**
 * The readers of the board: a pool of accounts and a larger pool of addresses, taken in turn, so
 * that at the highest rate each account and each address stays far below the gateway's limits.
 */
export class ReaderPool {
  private constructor(
    private readonly readers: readonly Caller[],
    private readonly addresses: number,
  ) {}

  static async mint(mint: TokenMint, accounts: number, addresses: number): Promise<ReaderPool> {
    const readers: Caller[] = [];
    for (let i = 0; i < accounts; i++) readers.push(await mint.caller(i % 2 === 0 ? 'couple' : 'supplier', ''));
    return new ReaderPool(readers, addresses);
  }

  /** The i-th call's caller: account i mod accounts, address i mod addresses (10.x.y.z). */
  at(index: number): Caller {
    const reader = this.readers[index % this.readers.length] as Caller;
    const address = index % this.addresses;
    return { subject: reader.subject, headers: { ...reader.headers, 'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` } };
  }
}

/** A voter's address: one per vote, 172.16.0.0/12, so the per-address limits never join two voters. */
export function voterAddress(index: number): string {
  return `172.${16 + ((index >> 16) & 15)}.${(index >> 8) & 255}.${index & 255}`;
}
