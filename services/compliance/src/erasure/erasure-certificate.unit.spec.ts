import { buildErasureCertificate, certificateIdFor, erasedKeyIdOf, STORES_CHECKED } from './erasure-certificate';

const subjectId = 'a0000000-0000-4000-8000-000000000001';
const requestedBy = 'b0000000-0000-4000-8000-000000000002';
const at = new Date('2026-06-01T10:00:00.000Z');

describe('erasure certificate', () => {
  it('lists the deleted key and the streams it made unreadable, in order, once each', () => {
    const certificate = buildErasureCertificate({
      subjectId,
      generation: 1,
      keyId: 'k1',
      streamIds: ['vote-b', 'feature-request-a', 'vote-b'],
      requestedBy,
      at,
    });
    expect(certificate).toEqual({
      certificateId: certificateIdFor(subjectId, 1),
      subjectId,
      erasedAt: '2026-06-01T10:00:00.000Z',
      erased: [
        { store: 'subject_keys', kind: 'data_key', id: 'k1' },
        { store: 'event_store', kind: 'stream', id: 'feature-request-a' },
        { store: 'event_store', kind: 'stream', id: 'vote-b' },
      ],
      storesChecked: [...STORES_CHECKED],
      requestedBy,
    });
    expect(erasedKeyIdOf(certificate)).toBe('k1');
  });

  it('is empty, with every store checked, for a subject without a key', () => {
    const certificate = buildErasureCertificate({ subjectId, generation: 1, keyId: undefined, streamIds: [], requestedBy, at });
    expect(certificate.erased).toEqual([]);
    expect(certificate.storesChecked).toEqual([...STORES_CHECKED]);
    expect(erasedKeyIdOf(certificate)).toBe('');
  });

  it('has one id per subject and generation, the same on every call', () => {
    expect(certificateIdFor(subjectId, 1)).toBe(certificateIdFor(subjectId, 1));
    expect(certificateIdFor(subjectId, 2)).not.toBe(certificateIdFor(subjectId, 1));
    expect(certificateIdFor(requestedBy, 1)).not.toBe(certificateIdFor(subjectId, 1));
  });
});
