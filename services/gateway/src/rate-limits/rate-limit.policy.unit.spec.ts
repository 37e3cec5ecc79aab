import { status } from '@grpc/grpc-js';
import { toGrpcStatus } from '@frm/grpc-errors';
import { perMinuteLimit, refusalOf } from './rate-limit.policy';
import { DEFAULT_RATE_LIMITS, rateLimitsWith } from './rate-limits';

describe('the rate-limit policy', () => {
  it('allows 100 calls a minute per address and 500 per user by default', () => {
    expect(perMinuteLimit('ip', DEFAULT_RATE_LIMITS)).toBe(100);
    expect(perMinuteLimit('user', DEFAULT_RATE_LIMITS)).toBe(500);
  });

  it('refuses with RESOURCE_EXHAUSTED, the retry-after in whole seconds, and a message naming the limit', () => {
    const refusal = toGrpcStatus(refusalOf('ip', DEFAULT_RATE_LIMITS, 41_200));
    expect(refusal.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(refusal.details).toBe('too many calls from your network address: the limit is 100 a minute; retry in 42 s');
    expect(refusal.metadata.get('retry-after')).toEqual(['42']);
    expect(refusalOf('user', { perIpPerMinute: 5, perUserPerMinute: 8 }, 3_000).message).toBe('too many calls by your account: the limit is 8 a minute; retry in 3 s');
  });

  it('never tells a client to retry at once', () => {
    expect(refusalOf('user', DEFAULT_RATE_LIMITS, 0).retryAfterSeconds).toBe(1);
    expect(refusalOf('user', DEFAULT_RATE_LIMITS, 1).retryAfterSeconds).toBe(1);
  });
});

describe('rateLimitsWith', () => {
  it('keeps the default of each limit not given', () => {
    expect(rateLimitsWith({ perUserPerMinute: 60 })).toEqual({ perIpPerMinute: 100, perUserPerMinute: 60 });
    expect(rateLimitsWith({ perIpPerMinute: undefined })).toEqual(DEFAULT_RATE_LIMITS);
  });
});
