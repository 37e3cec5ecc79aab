import { InvalidArgumentError } from '@frm/grpc-errors';
import { decodeRequestFrames, encodeFrame } from './grpc-frame';

describe('gRPC frames', () => {
  it('splits a body into its messages, empty ones included', () => {
    const body = Buffer.concat([encodeFrame(Buffer.from('one')), encodeFrame(Buffer.alloc(0)), encodeFrame(Buffer.from('three'))]);
    expect(decodeRequestFrames(body).map(String)).toEqual(['one', '', 'three']);
    expect(decodeRequestFrames(Buffer.alloc(0))).toEqual([]);
  });

  it.each([
    ['a cut header', Buffer.from([0, 0, 0]), 'ends 3 byte(s) into a 5-byte frame header'],
    ['a cut payload', encodeFrame(Buffer.from('hello')).subarray(0, 7), 'announces 5 byte(s) but only 2 follow'],
    ['a compressed frame', encodeFrame(Buffer.from('x'), 1), 'compressed'],
    ['a trailer frame', encodeFrame(Buffer.from('x'), 0x80), 'flags 0x80'],
  ])('refuses %s as INVALID_ARGUMENT', (_, body, problem) => {
    expect(() => decodeRequestFrames(body)).toThrow(InvalidArgumentError);
    expect(() => decodeRequestFrames(body)).toThrow(problem);
  });
});
