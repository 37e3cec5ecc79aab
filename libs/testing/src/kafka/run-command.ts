import { spawn } from 'node:child_process';

export interface CommandResult {
  exitCode: number;
  output: string;
}

// Keeps the tool's combined output: a failure's message quotes from it.
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; installHint: string },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? `${command} was not found on PATH` : error.message;
      reject(new Error(`${reason}; ${options.installHint}`, { cause: error }));
    });
    child.once('close', (code) => resolve({ exitCode: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

export function mostTellingLine(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const telling = [...lines].reverse().find((line) => /\b(ERROR|FATAL)\b|Exception|Error:/.test(line));
  return (telling ?? lines.at(-1) ?? 'no output').slice(0, 300);
}
