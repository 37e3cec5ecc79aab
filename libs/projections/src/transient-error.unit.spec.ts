import { isTransientDatabaseError } from './transient-error';

describe('transient database errors', () => {
  it.each([
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a socket error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a broken pipe', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a server shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' })],
  ])('retries %s', (_case, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', '23505'],
    ['a division by zero', '22012'],
    ['a missing table', '42P01'],
    ['a raised exception', 'P0001'],
  ])('pins %s on the statement', (_case, code) => {
    expect(isTransientDatabaseError(Object.assign(new Error('statement failed'), { code }))).toBe(false);
  });
});
