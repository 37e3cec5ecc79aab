import { DEFAULT_KEY_SCHEMA } from '@frm/compliance';
import { loadEventSchemaRegistry } from '@frm/contracts';
import { platformPersonalFields } from '@frm/dr-orchestrator';
import { withSchemaValidation, type EventStore } from '@frm/event-store';
import { openPostgresSubjectKeyStore, PiiCipher, withPiiProtection } from '@frm/pii';
import type { SqlDatabase } from '@frm/postgres';
import { SUBJECT_ERASURE } from '@frm/subject-keys-client';
import { openCliMasterKeys } from '../keys/cli-master-keys';

/**
 * The event store read as the services read it: where compliance keeps subject keys in this
 * database, what people wrote is decrypted with them (the platform is stopped, so the key table is
 * read directly with the master key), or a rebuilt read model would hold ciphertext where the live
 * one holds text. Without a key table the services stored plaintext, and the store is read as is.
 */
export async function eventStoreAsServicesReadIt(db: SqlDatabase, raw: EventStore, keySchema = DEFAULT_KEY_SCHEMA): Promise<EventStore> {
  const validated = withSchemaValidation(raw, loadEventSchemaRegistry());
  const [found] = await db.query<{ exists: boolean }>(`select to_regclass($1) is not null as exists`, [`${keySchema}.subject_keys`]);
  if (!found?.exists) return validated;
  const kms = await openCliMasterKeys('rebuilding a read model decrypts what people wrote with their keys, which the master key unwraps');
  const cipher = new PiiCipher(await openPostgresSubjectKeyStore(db, { schema: keySchema }), kms);
  return withPiiProtection(validated, cipher, platformPersonalFields(), SUBJECT_ERASURE);
}
