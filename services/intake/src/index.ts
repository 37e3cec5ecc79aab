export { startIntakeService, type IntakeServiceOptions, type RunningIntakeService } from './start-intake-service';
export { IntakeModule, type IntakeModuleOptions } from './intake.module';
export { intakeSettings } from './intake.settings';
export { GrpcPortUnavailableError } from './intake-grpc.server';
export { CALLER_METADATA, callerMetadataOf } from './caller/caller-metadata';
export { openStorage, UnsupportedStorageError, type Storage } from './storage/open-storage';
export { DataDirInUseError } from './storage/data-dir-lock';
export { ROLES, STAFF_ROLES, type Actor, type Role } from './feature-requests/domain';
export { CATEGORIES, SUPPLIER_TYPES } from './feature-requests/domain';
