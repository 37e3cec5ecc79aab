import { Metadata } from '@grpc/grpc-js';
import { PermissionDeniedError, UnauthenticatedError } from '@frm/grpc-errors';
import { CALLER_METADATA, callerFromMetadata, callerMetadataOf } from './caller-metadata';

const SUBJECT = '0d9c2f3e-5b1a-4c7d-8e6f-1a2b3c4d5e6f';

function metadata(entries: Record<string, string>): Metadata {
  const result = new Metadata();
  for (const [key, value] of Object.entries(entries)) result.set(key, value);
  return result;
}

describe('caller metadata', () => {
  it('reads the subject and the known roles, ignoring unknown ones', () => {
    expect(callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT.toUpperCase(), 'x-frm-roles': 'Supplier, dj ,admin' }))).toEqual({
      subject: SUBJECT,
      roles: ['supplier', 'admin'],
    });
  });

  it('round-trips what the gateway sets', () => {
    const actor = { subject: SUBJECT, roles: ['couple', 'product'] as const };
    expect(callerFromMetadata(metadata(callerMetadataOf({ ...actor, roles: [...actor.roles] })))).toEqual(actor);
    expect(Object.keys(callerMetadataOf({ ...actor, roles: [...actor.roles] }))).toEqual([CALLER_METADATA.subject, CALLER_METADATA.roles]);
  });

  it('is UNAUTHENTICATED without a subject or with one that is not a UUID', () => {
    expect(() => callerFromMetadata(metadata({ 'x-frm-roles': 'couple' }))).toThrow(UnauthenticatedError);
    expect(() => callerFromMetadata(undefined)).toThrow(UnauthenticatedError);
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': 'alice', 'x-frm-roles': 'couple' }))).toThrow(/must be the caller's UUID/);
  });

  it('is PERMISSION_DENIED without a known role', () => {
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT }))).toThrow(PermissionDeniedError);
    expect(() => callerFromMetadata(metadata({ 'x-frm-subject': SUBJECT, 'x-frm-roles': 'guest' }))).toThrow(PermissionDeniedError);
  });
});
