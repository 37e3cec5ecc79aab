export { GrpcSubjectKeyStore, SubjectKeyOperationNotOfferedError, type GrpcSubjectKeyStoreOptions } from './grpc-subject-key-store';
export { personalDataCipher, SUBJECT_ERASURE, warnPlaintextPersonalData, type PersonalDataCipher } from './personal-data-cipher';
