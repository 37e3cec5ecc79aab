import { frmV1 } from '@frm/contracts';
import type { Caller, TokenMint } from './board-identities';
import type { GrpcWebCaller } from './grpc-web-caller';
import { countCodes, LoadRecorder } from './load-recorder';
import { PacedLoad } from './paced-load';

export interface HotClientOutcome {
  readonly who: string;
  readonly limitPerMinute: number;
  readonly seconds: number;
  readonly calls: number;
  /** `OK`, `RESOURCE_EXHAUSTED(user)` / `(ip)` by the limit the refusal names, other codes as they came. */
  readonly codes: Record<string, number>;
}

/**
 * Two clients over the gateway's limits while the surge runs: one account calling from many
 * addresses (over the per-user limit) and one address shared by many accounts (over the per-IP
 * limit). Each reads a tally, faster than its limit allows.
 */
export class HotClients {
  private constructor(
    private readonly loads: ReadonlyArray<{ who: string; limit: number; load: PacedLoad; recorder: LoadRecorder }>,
    private readonly started: number,
  ) {}

  static async start(
    caller: GrpcWebCaller,
    mint: TokenMint,
    featureRequestId: string,
    limits: { perIp: number; perUser: number },
    seconds: number,
    log: (line: string) => void,
  ): Promise<HotClients> {
    const hotUser = await mint.caller('couple', '');
    const crowd: Caller[] = [];
    for (let i = 0; i < 200; i++) crowd.push(await mint.caller('supplier', '203.0.113.7'));
    const tally = frmV1.GetTallyRequest.encode({ featureRequestId }).finish();
    const call = async (headers: Record<string, string>) => {
      const result = await caller.unary('/frm.v1.VotingService/GetTally', tally, headers);
      if (result.code !== 'RESOURCE_EXHAUSTED') return result.code;
      return `RESOURCE_EXHAUSTED(${/by your account/.test(result.details) ? 'user' : /network address/.test(result.details) ? 'ip' : 'other'})`;
    };
    // Three times what each limit allows, and fast enough to pass it within a third of the time they run:
    // more than a limit's worth in every window the gateway counts, so a limit that leaks shows.
    const rateFor = (limit: number) => Math.max(1, Math.ceil((limit * 3) / 60), Math.ceil((limit * 3) / seconds));
    const userRate = rateFor(limits.perUser);
    const ipRate = rateFor(limits.perIp);
    const make = (who: string, limit: number, rate: number, headersOf: (i: number) => Record<string, string>) => {
      const recorder = new LoadRecorder();
      const load = new PacedLoad({ rate, label: who, recorder, log, progressEveryMs: 15_000, call: (i) => ({ operation: 'tally', code: call(headersOf(i)) }) });
      return { who, limit, load, recorder };
    };
    return new HotClients(
      [
        make('hot user (one account, many addresses)', limits.perUser, userRate, (i) => ({ ...hotUser.headers, 'x-forwarded-for': `192.168.${(i >> 8) & 255}.${i & 255}` })),
        make('hot address (203.0.113.7, many accounts)', limits.perIp, ipRate, (i) => (crowd[i % crowd.length] as Caller).headers),
      ],
      performance.now(),
    );
  }

  async stop(): Promise<HotClientOutcome[]> {
    const seconds = (performance.now() - this.started) / 1000;
    return Promise.all(
      this.loads.map(async ({ who, limit, load, recorder }) => {
        await load.stop();
        const calls = recorder.between(0);
        return { who, limitPerMinute: limit, seconds: Math.round(seconds), calls: calls.length, codes: countCodes(calls) };
      }),
    );
  }
}
