/** The data keys wrapped by versions that no configured master key has, largest count first. */
export function unconfiguredVersions(keysByVersion: ReadonlyMap<string, number>, configured: readonly string[]): Array<[string, number]> {
  return [...keysByVersion].filter(([version, keys]) => keys > 0 && !configured.includes(version)).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

/** Why the keys of versions without a master key cannot be read or re-wrapped, and which setting fixes it. */
export function unconfiguredVersionsMessage(unconfigured: ReadonlyArray<readonly [string, number]>, configured: readonly string[]): string {
  const [current, ...previous] = configured;
  const listed = unconfigured.map(([version, keys]) => `${version} (${keys} ${keys === 1 ? 'key' : 'keys'})`).join(', ');
  return (
    `data keys are wrapped by master key versions that the settings do not hold: ${listed}; ` +
    `FRM_MASTER_KEY is ${current} and FRM_MASTER_KEY_PREVIOUS holds ${previous.length === 0 ? 'none' : previous.join(', ')}; ` +
    'add the master key of each to FRM_MASTER_KEY_PREVIOUS (comma-separated; usually the FRM_MASTER_KEY the platform ran with before) and run again'
  );
}
