import { InvalidArgumentError } from '@frm/grpc-errors';
import { commandIdOf, RequestCheck } from './request-fields';

const subject = 'A0000000-0000-4000-8000-000000000001';

describe('RequestCheck', () => {
  it('gives a valid request’s fields in canonical form', () => {
    const check = new RequestCheck();
    expect(check.subjectId('subject_id', subject)).toBe(subject.toLowerCase());
    expect(check.subjectId('subject_id', '', 'me')).toBe('me');
    expect(check.regime('PRIVACY_REGIME_CCPA')).toBe('ccpa');
    expect(check.regime('PRIVACY_REGIME_UNSPECIFIED')).toBe('gdpr');
    expect(check.reason('  duplicate account  ', true)).toBe('duplicate account');
    expect(() => check.done()).not.toThrow();
  });

  it('refuses every broken field at once, naming each', () => {
    const check = new RequestCheck();
    check.subjectId('subject_id', 'jane');
    check.requestId('not-a-uuid');
    check.reason('asked by jane@example.com', true);
    expect(() => check.done()).toThrow(InvalidArgumentError);
    expect(() => check.done()).toThrow(/subject_id: must be a UUID.*request_id: must be a UUID.*reason: must not hold an e-mail address/);
  });

  it('requires a reason only where asked', () => {
    const check = new RequestCheck();
    check.reason('', false);
    expect(() => check.done()).not.toThrow();
    check.reason(' ', true);
    expect(() => check.done()).toThrow(/reason: is required/);
  });
});

describe('commandIdOf', () => {
  it('is the same for a retry and differs by caller and RPC', () => {
    const requestId = 'c0000000-0000-4000-8000-000000000003';
    expect(commandIdOf('RecordConsent', 'a', requestId)).toBe(commandIdOf('RecordConsent', 'a', requestId));
    expect(commandIdOf('RecordConsent', 'b', requestId)).not.toBe(commandIdOf('RecordConsent', 'a', requestId));
    expect(commandIdOf('WithdrawConsent', 'a', requestId)).not.toBe(commandIdOf('RecordConsent', 'a', requestId));
  });
});
