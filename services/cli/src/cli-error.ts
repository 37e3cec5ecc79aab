/** A failure whose message already names the cause and the fix, in one line. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Ctrl+C: the shell convention for "ended by SIGINT". */
export const INTERRUPTED_EXIT_CODE = 130;
