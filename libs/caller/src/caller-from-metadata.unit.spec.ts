import { Metadata } from '@grpc/grpc-js';
import { PermissionDeniedError, UnauthenticatedError } from '@frm/grpc-errors';
import type { CallerContext } from './caller-context';
import { callerFromMetadata } from './caller-from-metadata';
import { callerMetadataOf } from './caller-metadata-of';

const SUBJECT = '0d9c2f3e-5b1a-4c7d-8e6f-1a2b3c4d5e6f';

function metadata(entries: Record<string, string>): Metadata {
  const result = new Metadata();
  for (const [key, value] of Object.entries(entries)) result.set(key, value);
  return result;
}

describe('callerFromMetadata', () => {
  it('reads the subject and the known roles, ignoring unknown ones', () => {
    expect(callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT.toUpperCase(), 'x-frm-roles': 'Supplier, dj ,admin' }))).toEqual({
      subject: SUBJECT,
      roles: ['supplier', 'admin'],
    });
  });

  it('round-trips everything the gateway sets', () => {
    const caller: CallerContext = {
      subject: SUBJECT,
      roles: ['couple', 'product'],
      supplierType: 'photographer',
      timeZone: 'America/New_York',
      weddingDate: '2027-09-18',
      accountCreatedAt: 1_690_000_000,
      clientAddress: '2001:db8::7',
      userAgent: 'frm-app/2.1 (iOS 18)',
      deviceFingerprint: 'b3f1c0de',
    };
    const { clientAddress, userAgent, deviceFingerprint, ...claims } = caller;
    expect(callerFromMetadata(metadata(callerMetadataOf(claims, { clientAddress, userAgent, deviceFingerprint })))).toStrictEqual(caller);
    expect(callerFromMetadata(metadata(callerMetadataOf({ subject: SUBJECT, roles: ['admin'] })))).toStrictEqual({ subject: SUBJECT, roles: ['admin'] });
  });

  it('leaves out an account age that is not a whole number of seconds', () => {
    for (const createdAt of ['-5', '1.5', 'yesterday', '9'.repeat(16)]) {
      const caller = callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT, 'x-frm-roles': 'couple', 'x-frm-account-created-at': createdAt }));
      expect(caller).not.toHaveProperty('accountCreatedAt');
    }
  });

  it('is UNAUTHENTICATED without a subject or with one that is not a UUID', () => {
    expect(() => callerFromMetadata(metadata({ 'x-frm-roles': 'couple' }))).toThrow(UnauthenticatedError);
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': '  ', 'x-frm-roles': 'couple' }))).toThrow(UnauthenticatedError);
    expect(() => callerFromMetadata(undefined)).toThrow(UnauthenticatedError);
    expect(() => callerFromMetadata({ get: 'not a function' })).toThrow(UnauthenticatedError);
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': 'alice', 'x-frm-roles': 'couple' }))).toThrow(/must be the caller's UUID/);
  });

  it('is PERMISSION_DENIED without a known role', () => {
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT }))).toThrow(PermissionDeniedError);
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT, 'x-frm-roles': 'guest' }))).toThrow(
      new PermissionDeniedError('the caller holds none of the roles couple, supplier, product, admin'),
    );
  });
});
