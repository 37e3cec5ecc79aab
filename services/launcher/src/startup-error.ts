import { InvalidSettingsError } from '@frm/config';

// Errors whose message already says what is wrong and what to do about it, in one line.
const SELF_EXPLAINING = new Set([
  'DatabaseUnavailableError',
  'DataDirInUseError',
  'GatewayPortUnavailableError',
  'GrpcPortUnavailableError',
  'TokenKeysSettingError',
  'InvalidStorageSettingsError',
  'TrendHalfLifeMismatchError',
  'WebRootUnavailableError',
]);

/** Why start-up failed and how to fix it, as one line; `undefined` when only the error itself can tell. */
export function explainStartupError(error: unknown): string | undefined {
  if (error instanceof InvalidSettingsError) {
    return `cannot start: ${error.problems.map((problem) => problem.message).join('; ')}`;
  }
  if (error instanceof Error && SELF_EXPLAINING.has(error.name)) return `cannot start: ${oneLine(error.message)}`;
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}
