import { contentTypeOf } from './content-type';

describe('contentTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-B3x9.js', 'text/javascript; charset=utf-8'],
    ['assets/index-D4e1.CSS', 'text/css; charset=utf-8'],
    ['assets/inter-latin.woff2', 'font/woff2'],
    ['favicon.svg', 'image/svg+xml'],
    ['site.webmanifest', 'application/manifest+json; charset=utf-8'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });

  it('gives unknown bytes a type no browser runs or renders', () => {
    expect(contentTypeOf('backup.tar.zst')).toBe('application/octet-stream');
    expect(contentTypeOf('LICENSE')).toBe('application/octet-stream');
  });
});
