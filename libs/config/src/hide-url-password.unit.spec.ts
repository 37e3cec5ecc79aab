import { hideUrlPassword } from './hide-url-password';

describe('hideUrlPassword', () => {
  it.each([
    ['postgres://frm:secret@127.0.0.1:5432/frm', 'postgres://frm:***@127.0.0.1:5432/frm'],
    ['redis://:secret@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
    ['esdb://admin:changeit@a:2113,b:2113?tls=false', 'esdb://admin:***@a:2113,b:2113?tls=false'],
    ['postgres://frm:p@ss/w?rd@db/frm', 'postgres://frm:***@db/frm'],
  ])('hides the password of %s', (url, expected) => {
    expect(hideUrlPassword(url)).toBe(expected);
  });

  it.each(['postgres://frm@db/frm', 'postgres://db:5432/frm', '127.0.0.1:9092', 'plain text: with @ and ://'])(
    'leaves %s alone',
    (text) => {
      expect(hideUrlPassword(text)).toBe(text);
    },
  );
});
