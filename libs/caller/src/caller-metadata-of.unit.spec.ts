import { CALLER_METADATA, RESERVED_METADATA_PREFIX } from './caller-metadata';
import { callerMetadataOf, DEVICE_FINGERPRINT_MAX_LENGTH } from './caller-metadata-of';

const SUBJECT = '0d9c2f3e-5b1a-4c7d-8e6f-1a2b3c4d5e6f';

describe('callerMetadataOf', () => {
  it('sets the subject and the roles, and nothing else for a bare actor', () => {
    expect(callerMetadataOf({ subject: SUBJECT, roles: ['couple', 'product'] })).toEqual({
      [CALLER_METADATA.subject]: SUBJECT,
      [CALLER_METADATA.roles]: 'couple,product',
    });
  });

  it('sets every claim and connection signal under a reserved key', () => {
    const metadata = callerMetadataOf(
      { subject: SUBJECT, roles: ['supplier'], supplierType: 'florist', timeZone: 'Europe/Lisbon', weddingDate: '2027-06-12', accountCreatedAt: 1_700_000_000 },
      { clientAddress: '203.0.113.7', userAgent: 'Mozilla/5.0', deviceFingerprint: 'fp-1234' },
    );
    expect(metadata).toEqual({
      'x-frm-subject': SUBJECT,
      'x-frm-roles': 'supplier',
      'x-frm-supplier-type': 'florist',
      'x-frm-tz': 'Europe/Lisbon',
      'x-frm-wedding-date': '2027-06-12',
      'x-frm-account-created-at': '1700000000',
      'x-frm-client-ip': '203.0.113.7',
      'x-frm-user-agent': 'Mozilla/5.0',
      'x-frm-device-fingerprint': 'fp-1234',
    });
    expect(Object.keys(metadata).every((key) => key.startsWith(RESERVED_METADATA_PREFIX))).toBe(true);
  });

  it('leaves out values that are empty or not printable ASCII', () => {
    const metadata = callerMetadataOf({ subject: SUBJECT, roles: ['couple'], timeZone: 'Zürich' }, { userAgent: '', deviceFingerprint: 'fp\r\nx-frm-roles: admin' });
    expect(Object.keys(metadata)).toEqual([CALLER_METADATA.subject, CALLER_METADATA.roles]);
  });

  it('drops a device fingerprint over the limit rather than cutting it', () => {
    const longest = 'f'.repeat(DEVICE_FINGERPRINT_MAX_LENGTH);
    expect(callerMetadataOf({ subject: SUBJECT, roles: ['couple'] }, { deviceFingerprint: longest })[CALLER_METADATA.deviceFingerprint]).toBe(longest);
    expect(callerMetadataOf({ subject: SUBJECT, roles: ['couple'] }, { deviceFingerprint: `${longest}f` })).not.toHaveProperty(CALLER_METADATA.deviceFingerprint);
  });
});
