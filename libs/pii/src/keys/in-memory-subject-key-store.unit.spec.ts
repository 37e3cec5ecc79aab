import { InMemorySubjectKeyStore } from './in-memory-subject-key-store';
import { subjectKeyStoreContract } from './subject-key-store.contract';

describe('InMemorySubjectKeyStore', () => {
  subjectKeyStoreContract(async () => new InMemorySubjectKeyStore());
});
