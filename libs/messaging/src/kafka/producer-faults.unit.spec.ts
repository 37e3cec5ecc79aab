import { needsFreshProducer } from './producer-faults';

describe('needsFreshProducer', () => {
  it('recognises a broker that no longer knows the producer\'s sequence, however deeply kafkajs wrapped it', () => {
    const protocolError = Object.assign(new Error('The broker received an out of order sequence number'), { type: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    const wrapped = Object.assign(new Error('retries exceeded'), { cause: Object.assign(new Error('non-retriable'), { cause: protocolError }) });
    expect(needsFreshProducer(wrapped)).toBe(true);
  });

  it('leaves connection failures and other errors to plain retries', () => {
    expect(needsFreshProducer(Object.assign(new Error('Connection error'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(needsFreshProducer(Object.assign(new Error('leader election'), { type: 'LEADER_NOT_AVAILABLE' }))).toBe(false);
    expect(needsFreshProducer(undefined)).toBe(false);
  });
});
