import { CliError } from '../cli-error';
import { exportPlanOf } from './export-plan';
import { accessTokenOf, gatewayTargetOf } from '../gateway/gateway-target';

const subject = '3F0C6A51-7A53-4A9F-9A53-2B0A7C2C1D11';
const now = new Date('2026-06-20T23:30:00Z');
const newId = () => '11111111-2222-4333-8444-555555555555';

describe('exportPlanOf', () => {
  it('lower-cases the subject, makes a request id and names the folder after the subject and the day', () => {
    expect(exportPlanOf({ subject, regime: 'gdpr' }, '/srv/exports', now, newId)).toEqual({
      subjectId: subject.toLowerCase(),
      requestId: newId(),
      reason: '',
      regime: 'gdpr',
      outDir: `/srv/exports/export-${subject.toLowerCase()}-2026-06-20`,
    });
  });

  it('keeps a given request id, reason and folder', () => {
    const plan = exportPlanOf({ subject, regime: 'ccpa', requestId: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', reason: ' ticket 42 ', out: 'out/ana' }, '/srv', now, newId);
    expect(plan).toMatchObject({ requestId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', reason: 'ticket 42', regime: 'ccpa', outDir: '/srv/out/ana' });
  });

  it.each([
    [{ subject: 'ana' }, /--subject "ana" is not a UUID/],
    [{ subject, requestId: '42' }, /--request-id "42" is not a UUID/],
    [{ subject, reason: '  ' }, /--reason is empty/],
    [{ subject, out: ' ' }, /--out is empty/],
  ])('refuses %j', (options, message) => {
    const attempt = () => exportPlanOf({ regime: 'gdpr', ...options }, '/srv', now, newId);
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow(message);
  });
});

describe('gatewayTargetOf', () => {
  it('takes --address, else FRM_GATEWAY_ADDRESS, else the address npm start serves on', () => {
    expect(gatewayTargetOf('10.0.0.5:9090', '10.0.0.6:8080')).toEqual({ address: '10.0.0.5:9090', tls: false });
    expect(gatewayTargetOf(undefined, 'http://gateway.internal:8080/')).toEqual({ address: 'gateway.internal:8080', tls: false });
    expect(gatewayTargetOf(undefined, '')).toEqual({ address: '127.0.0.1:8080', tls: false });
    expect(gatewayTargetOf('https://frm.example.com:443', undefined)).toEqual({ address: 'frm.example.com:443', tls: true });
  });

  it.each(['localhost', 'host:0', 'host:70000', 'ftp://host:21'])('refuses %s', (address) => {
    expect(() => gatewayTargetOf(address, undefined)).toThrow(/is not the gateway's host:port/);
  });
});

describe('accessTokenOf', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

  it('takes --token before FRM_TOKEN, without a Bearer prefix or surrounding blanks', () => {
    expect(accessTokenOf(`Bearer ${token}\n`, 'other.token.here')).toBe(token);
    expect(accessTokenOf(undefined, token)).toBe(token);
  });

  it('says how to mint a token when there is none', () => {
    expect(() => accessTokenOf(undefined, undefined)).toThrow(/no access token: pass --token <jwt> or set FRM_TOKEN.*npx frm token --sub <your uuid> --roles admin/);
    expect(() => accessTokenOf(undefined, '')).toThrow(/no access token/);
  });

  it('refuses what is not a JWT, without echoing it', () => {
    expect(() => accessTokenOf('s3cret password', undefined)).toThrow(/^--token is not an access token/);
  });
});
