import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher, ERASED } from '@frm/pii';
import { revealPersonalData, UNREADABLE } from './reveal-personal-data';

const subject = 'a0000000-0000-4000-8000-000000000001';

describe('revealPersonalData', () => {
  it('decrypts encrypted members by their path, leaves plaintext alone, and reads [erased] once the key is gone', async () => {
    const cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(Buffer.alloc(32, 7)));
    const data = {
      title: await cipher.encryptField(subject, 's', 'title', 'Guest photo uploads'),
      tags: ['plain', await cipher.encryptField(subject, 's', 'tags.1', 'secret tag')],
      moved: await cipher.encryptField(subject, 's', 'title', 'moved from another field'),
      count: 3,
    };
    expect(await revealPersonalData(cipher, 's', data)).toEqual({ title: 'Guest photo uploads', tags: ['plain', 'secret tag'], moved: UNREADABLE, count: 3 });
    await cipher.erase(subject);
    expect((await revealPersonalData(cipher, 's', data))['title']).toBe(ERASED);
  });
});
