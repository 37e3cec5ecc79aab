export { DEFAULT_DR_ORCHESTRATOR_PORT, startDrOrchestrator, type DrOrchestratorOptions, type RunningDrOrchestrator } from './start-dr-orchestrator';
export { drOrchestratorSettings } from './dr-orchestrator.settings';
export { platformPersonalFields } from './projections/platform-personal-fields';
export { backupOptionsFrom, backupSettings } from './backups/backup.settings';
