export { DataDirInUseError, lockDataDir } from './data-dir-lock';
export { DEFAULT_EVENT_STORE_SCHEMA, InvalidStorageSettingsError, openStorage, type Storage, type StorageSettings } from './open-storage';
