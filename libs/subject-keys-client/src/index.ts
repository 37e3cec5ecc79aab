export { GrpcSubjectKeyStore, SubjectKeyOperationNotOfferedError, type GrpcSubjectKeyStoreOptions } from './grpc-subject-key-store';
