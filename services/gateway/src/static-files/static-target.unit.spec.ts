import { cacheControlOf, staticTargetOf } from './static-target';

describe('staticTargetOf', () => {
  it('serves the index at /', () => {
    expect(staticTargetOf('/')).toEqual({ kind: 'file', file: 'index.html', spaRoute: false });
    expect(staticTargetOf('/?utm=x')).toEqual({ kind: 'file', file: 'index.html', spaRoute: false });
  });

  it('takes a path without an extension, outside /assets/, as a route of the app', () => {
    expect(staticTargetOf('/requests/42/comments?sort=new')).toEqual({ kind: 'file', file: 'requests/42/comments', spaRoute: true });
    expect(staticTargetOf('/favicon.ico')).toEqual({ kind: 'file', file: 'favicon.ico', spaRoute: false });
    expect(staticTargetOf('/assets/chunk')).toEqual({ kind: 'file', file: 'assets/chunk', spaRoute: false });
    expect(staticTargetOf('/assets/index-B3x9.js')).toEqual({ kind: 'file', file: 'assets/index-B3x9.js', spaRoute: false });
  });

  it('decodes escapes, and ignores repeated slashes', () => {
    expect(staticTargetOf('/assets//logo%20big.svg')).toEqual({ kind: 'file', file: 'assets/logo big.svg', spaRoute: false });
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/..%2f..%2fetc/passwd',
    '/./index.html',
    '/assets\\..\\..\\secret',
    '/index.html%00.png',
    '/%E0%A4%A',
    'http://elsewhere/x.js',
  ])('refuses %j, which could leave the web root', (url) => {
    expect(staticTargetOf(url)).toMatchObject({ kind: 'refused' });
  });

  it('never serves dotfiles', () => {
    expect(staticTargetOf('/.env')).toEqual({ kind: 'missing' });
    expect(staticTargetOf('/.git/config')).toEqual({ kind: 'missing' });
  });
});

describe('cacheControlOf', () => {
  it('keeps hashed assets for a year and makes anything else be asked for again', () => {
    expect(cacheControlOf('assets/index-B3x9.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlOf('index.html')).toBe('no-cache');
    expect(cacheControlOf('favicon.ico')).toBe('no-cache');
  });
});
