import { decodeGrpcWebText } from './grpc-web-text';

describe('grpc-web-text bodies', () => {
  it('decodes one base64 text, and several padded chunks one after another', () => {
    expect(decodeGrpcWebText(Buffer.from(Buffer.from('hello world').toString('base64'))).toString()).toBe('hello world');
    const chunks = ['a', 'bc', 'def'].map((part) => Buffer.from(part).toString('base64')).join('');
    expect(decodeGrpcWebText(Buffer.from(chunks)).toString()).toBe('abcdef');
  });

  it('refuses what is not base64, saying where it stops', () => {
    expect(() => decodeGrpcWebText(Buffer.from('QUJD*'))).toThrow('not base64 from character 4');
    expect(() => decodeGrpcWebText(Buffer.from('QQ=QUJD'))).toThrow(/not base64/);
  });
});
