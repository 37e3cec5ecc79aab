export { LOG_LEVELS, logSettings, runModeSettings, type RunModeSettings } from './common-settings';
export { hideUrlPassword } from './hide-url-password';
export { InvalidSettingsError, type SettingProblem } from './invalid-settings.error';
export { loadSettings } from './load-settings';
export { decideRunMode, describeRunMode, type RunMode } from './run-mode';
export { Setting, type SettingType } from './setting';
export { boolean, commaList, custom, duration, hostPortList, oneOf, port, positiveInt, secretText, text, url } from './setting-types';
export { defineSettings, type LoadedSettings, type SettingsOf, type SettingsSchema } from './settings-schema';
export { keptSecret, type KeptSecret } from './kept-secret';
