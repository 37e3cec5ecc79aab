/** The IANA zones this browser knows, or none when it cannot list them (a text field then takes the name). */
export function browserTimeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The zone this browser's clock is set to, e.g. Europe/Rome. */
export function browserTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}
