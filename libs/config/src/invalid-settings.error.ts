/** One variable that is missing or holds a value its rule refuses. */
export interface SettingProblem {
  readonly name: string;
  /** The whole line for a person: what was expected, what was found, and an example. */
  readonly message: string;
}

/** Every missing or invalid variable of a service at once, so one restart can fix them all. */
export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError';

  constructor(readonly problems: readonly SettingProblem[]) {
    const count = problems.length === 1 ? '1 setting is' : `${problems.length} settings are`;
    super(`${count} missing or invalid:\n${problems.map((problem) => `  ${problem.message}`).join('\n')}`);
  }
}
