export { startIntakeService, type IntakeServiceOptions, type RunningIntakeService } from './start-intake-service';
export { IntakeModule, type IntakeModuleOptions } from './intake.module';
export { intakeSettings } from './intake.settings';
export { intakeRelayFrom } from './relay/intake-relay.settings';
export { FEATURE_REQUEST_RELAY_NAME, featureRequestRoutes, type IntakeRelayOptions } from './relay/intake-relay.options';
export { GrpcPortUnavailableError } from '@frm/nest-grpc';
export { ROLES, STAFF_ROLES, type Actor, type Role } from './feature-requests/domain';
export { CATEGORIES, SUPPLIER_TYPES } from './feature-requests/domain';
export { INTAKE_PERSONAL_FIELDS } from './feature-requests/event-codec/personal-fields';
