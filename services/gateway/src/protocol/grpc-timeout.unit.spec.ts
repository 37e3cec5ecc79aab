import { InvalidArgumentError } from '@frm/grpc-errors';
import { deadlineFromGrpcTimeout } from './grpc-timeout';

describe('grpc-timeout', () => {
  it.each([
    ['2S', 2_000],
    ['1500m', 1_500],
    ['3M', 180_000],
    ['1H', 3_600_000],
    ['250000u', 250],
    ['5000000n', 5],
  ])('%s is %d ms from now', (header, milliseconds) => {
    expect(deadlineFromGrpcTimeout(header, 1_000)?.getTime()).toBe(1_000 + milliseconds);
  });

  it('sets no deadline without the header, and refuses a malformed one', () => {
    expect(deadlineFromGrpcTimeout(undefined)).toBeUndefined();
    for (const header of ['10', 'S', '123456789S', '1.5S', '10s ', '-1S'].map((h) => h.replace(' ', 'x'))) {
      expect(() => deadlineFromGrpcTimeout(header)).toThrow(InvalidArgumentError);
    }
  });
});
