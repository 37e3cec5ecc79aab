import { deadLetterTopicOf, toDeadLetterMessage } from './dead-letter';

describe('a dead letter', () => {
  const original = {
    key: Buffer.from('request-1'),
    value: Buffer.from([8, 1]),
    headers: { ce_id: Buffer.from('event-1'), ce_type: Buffer.from('frm.events.v1.VoteCast') },
    offset: '41',
  };

  it('goes to <topic>.dlq with the original key, value and headers plus what failed, where and how often', () => {
    const error = new TypeError('cannot read "weight"\n  of undefined');
    const { topic, message } = toDeadLetterMessage({
      topic: 'frm.votes.v1',
      partition: 3,
      message: original,
      error,
      attempts: 5,
      consumer: 'tally',
      failedAt: new Date('2026-06-20T12:00:00Z'),
    });
    expect(topic).toBe('frm.votes.v1.dlq');
    expect(message.key).toBe(original.key);
    expect(message.value).toBe(original.value);
    expect(message.headers).toEqual({
      ...original.headers,
      'frm-dlq-error-message': 'cannot read "weight" of undefined',
      'frm-dlq-error-type': 'TypeError',
      'frm-dlq-attempts': '5',
      'frm-dlq-original-topic': 'frm.votes.v1',
      'frm-dlq-original-partition': '3',
      'frm-dlq-original-offset': '41',
      'frm-dlq-consumer': 'tally',
      'frm-dlq-failed-at': '2026-06-20T12:00:00.000Z',
    });
  });

  it('keeps long error messages short', () => {
    const { message } = toDeadLetterMessage({
      topic: 't',
      partition: 0,
      message: original,
      error: new Error('x'.repeat(5_000)),
      attempts: 1,
      consumer: 'c',
      failedAt: new Date(),
    });
    expect(String(message.headers?.['frm-dlq-error-message'])).toHaveLength(1_000);
    expect(deadLetterTopicOf('frm.feature-requests.v1')).toBe('frm.feature-requests.v1.dlq');
  });
});
