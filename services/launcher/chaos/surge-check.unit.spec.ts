import { chaosRunSettings } from './chaos-run.settings';
import { figuresOf, type CallRecord } from './load/load-recorder';
import type { SurgeOutcome } from './surge';
import { checkSurge, onlyLatencyFailed } from './surge-check';

const settings = chaosRunSettings({});

function calls(count: number, latencyMs: number, code = 'OK'): CallRecord[] {
  return Array.from({ length: count }, (_, i) => ({ operation: 'list', code, latencyMs, endedAt: i }));
}

function outcome(overrides: Partial<SurgeOutcome> = {}): SurgeOutcome {
  const normal = figuresOf(calls(600, 20), 30);
  const surge = figuresOf(calls(12_000, 80), 60);
  return {
    normal,
    surge,
    surgeSettled: surge,
    firstSecondsP95Ms: Array.from({ length: 10 }, () => 80),
    hotClients: [
      { who: 'hot user (one account, many addresses)', limitPerMinute: 120, seconds: 60, calls: 360, codes: { OK: 120, 'RESOURCE_EXHAUSTED(user)': 240 } },
      { who: 'hot address (203.0.113.7, many accounts)', limitPerMinute: 60, seconds: 60, calls: 180, codes: { OK: 60, 'RESOURCE_EXHAUSTED(ip)': 120 } },
    ],
    foreignCpu: { normal: 0.02, surge: 0.03 },
    ...overrides,
  };
}

describe('checkSurge', () => {
  it('passes a surge that held its latency, refused nobody ordinary and held both limits', () => {
    expect(checkSurge(outcome(), settings).failures).toEqual([]);
  });

  it('shows how long the step to the surge rate took to absorb, second by second', () => {
    const check = checkSurge(outcome({ firstSecondsP95Ms: [900, 400, 120, 90, 80, 80, 85, 80, 90, 80] }), settings);
    expect(check.lines).toContain("p95 of the calls due in each of the surge's first 10 s: 900, 400, 120, 90, 80, 80, 85, 80, 90, 80 ms");
  });

  it('fails on any error at the normal rate, naming the codes', () => {
    const normal = figuresOf([...calls(590, 20), ...calls(10, 5, 'UNAVAILABLE')], 30);
    expect(checkSurge(outcome({ normal }), settings).failures).toEqual(['calls refused or failed at the normal rate (all should pass): UNAVAILABLE 10']);
  });

  it('fails when the p95 of the surge is over its bound, which alone may be judged again', () => {
    const surge = figuresOf(calls(12_000, 900), 60);
    const check = checkSurge(outcome({ surge }), settings);
    expect(check.failures).toEqual(['p95 during the surge is 900 ms, not under 500 ms']);
    expect(onlyLatencyFailed(check)).toBe(true);
  });

  it('holds a surge on a machine busy with other work to answering it, not to the latency bound', () => {
    const surge = figuresOf(calls(12_000, 3_000), 60);
    const check = checkSurge(outcome({ surge, foreignCpu: { normal: 0.1, surge: 0.6 } }), settings);
    expect(check.failures).toEqual([]);
    expect(check.lines).toContain(
      "NOT JUDGED against 500 ms: p95 3000 ms during the surge while other processes took 60% of the two cores; the looser bound then: under 1% errors, every call answered within the client's 15 s (it would be CLIENT_TIMEOUT, an error)",
    );
  });

  it('never judges errors again', () => {
    const surge = figuresOf([...calls(11_000, 900), ...calls(1_000, 900, 'INTERNAL')], 60);
    expect(onlyLatencyFailed(checkSurge(outcome({ surge }), settings))).toBe(false);
  });

  it('fails when a hot client was never refused, or got more than its limit allows', () => {
    const leaky = outcome({
      hotClients: [
        { who: 'hot user (one account, many addresses)', limitPerMinute: 120, seconds: 60, calls: 360, codes: { OK: 360 } },
        { who: 'hot address (203.0.113.7, many accounts)', limitPerMinute: 60, seconds: 60, calls: 180, codes: { OK: 130, 'RESOURCE_EXHAUSTED(user)': 50 } },
      ],
    });
    expect(checkSurge(leaky, settings).failures).toEqual([
      'hot user (one account, many addresses) went over its limit of 120/min and was never refused for it',
      'hot user (one account, many addresses): 360 calls passed in 60 s, more than the 240 its limit of 120/min allows',
      'hot address (203.0.113.7, many accounts) went over its limit of 60/min and was never refused for it',
      'hot address (203.0.113.7, many accounts): 130 calls passed in 60 s, more than the 120 its limit of 60/min allows',
    ]);
  });
});
