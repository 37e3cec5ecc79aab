import { randomBytes, randomUUID } from 'node:crypto';
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { frmInternalV1, timestampFromDate } from '@frm/contracts';
import { ERASED, InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher, type SubjectKey } from '@frm/pii';
import { GrpcSubjectKeyStore, SubjectKeyOperationNotOfferedError } from '../src';

/** A SubjectKeyService over an in-memory key table, served by a real grpc-js server, as compliance serves its own. */
async function serveKeys(table: InMemorySubjectKeyStore): Promise<{ address: string; close(): void }> {
  const message = (key: SubjectKey): frmInternalV1.WrappedSubjectKey => ({
    subjectId: key.subjectId,
    keyId: key.keyId,
    wrappedKeyBase64: key.wrappedKey.toString('base64'),
    masterKeyVersion: key.masterKeyVersion,
    createTime: timestampFromDate(key.createdAt),
    rotateTime: null,
  });
  const server = new Server();
  server.addService(frmInternalV1.SubjectKeyServiceService, {
    findSubjectKeys: (call: ServerUnaryCall<frmInternalV1.FindSubjectKeysRequest, unknown>, callback: sendUnaryData<frmInternalV1.FindSubjectKeysResponse>) => {
      table.findMany(call.request.subjectIds).then((keys) => callback(null, { keys: keys.map(message) }), callback);
    },
    getOrCreateSubjectKeys: (
      call: ServerUnaryCall<frmInternalV1.GetOrCreateSubjectKeysRequest, unknown>,
      callback: sendUnaryData<frmInternalV1.GetOrCreateSubjectKeysResponse>,
    ) => {
      Promise.all(
        call.request.candidates.map((c) =>
          table.getOrCreate({ subjectId: c.subjectId, keyId: c.keyId, wrappedKey: Buffer.from(c.wrappedKeyBase64, 'base64'), masterKeyVersion: c.masterKeyVersion }),
        ),
      ).then((keys) => callback(null, { keys: keys.map(message) }), callback);
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

describe('GrpcSubjectKeyStore', () => {
  it('lets a PiiCipher encrypt with keys kept by the key service, wrapped on the wire, and read [erased] once the key is gone', async () => {
    const table = new InMemorySubjectKeyStore();
    const served = await serveKeys(table);
    const store = new GrpcSubjectKeyStore({ address: served.address });
    try {
      const kms = new LocalMasterKeys(randomBytes(32));
      const subject = randomUUID();
      const sealed = await new PiiCipher(store, kms).encryptField(subject, 'feature-request-1', 'title', 'Seating plan export');
      const stored = await table.find(subject);
      expect(stored?.wrappedKey.length).toBeGreaterThan(32);
      expect(await store.find(subject)).toMatchObject({ subjectId: subject, keyId: stored?.keyId, masterKeyVersion: kms.currentVersion });
      expect(await new PiiCipher(store, kms).decryptField('feature-request-1', 'title', sealed)).toBe('Seating plan export');
      await table.delete(subject);
      expect(await new PiiCipher(store, kms).decryptField('feature-request-1', 'title', sealed)).toBe(ERASED);
      await expect(store.delete()).rejects.toThrow(SubjectKeyOperationNotOfferedError);
    } finally {
      store.close();
      served.close();
    }
  });
});
