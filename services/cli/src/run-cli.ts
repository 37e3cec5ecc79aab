import { CommanderError } from 'commander';
import { createCliProgram } from './cli-program';
import { describeFailure } from './describe-failure';

/** Runs one `frm` invocation and resolves to its exit code; failures become one line on stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  // `frm events tail | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = undefined;
  const program = createCliProgram();
  try {
    await program.parseAsync([...argv]);
    // A command that answers "no" without failing (frozen, differs) sets the code it exits with.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // Commander has printed its own one-line usage error already.
    if (error instanceof CommanderError) return error.exitCode;
    const failure = describeFailure(error);
    process.stderr.write(`frm: ${failure.message}\n`);
    if (process.env['FRM_CLI_DEBUG']) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    return failure.exitCode;
  }
}
