import { mostTellingLine, runCommand } from './run-command';

describe('mostTellingLine', () => {
  it('picks the last error line of a tool output', () => {
    const output = '[INFO] Scanning\n[ERROR] Could not resolve org.apache.kafka:kafka_2.13\n[INFO] see -e\n';
    expect(mostTellingLine(output)).toBe('[ERROR] Could not resolve org.apache.kafka:kafka_2.13');
  });

  it('falls back to the last line when nothing looks like an error', () => {
    expect(mostTellingLine('one\ntwo\n\n')).toBe('two');
    expect(mostTellingLine('')).toBe('no output');
  });
});

describe('runCommand', () => {
  it('names a missing executable and how to install it', async () => {
    await expect(runCommand('frm-no-such-tool', [], { installHint: 'install it with apt-get' })).rejects.toThrow(
      'frm-no-such-tool was not found on PATH; install it with apt-get',
    );
  });

  it('returns the exit code and the combined output', async () => {
    const result = await runCommand('sh', ['-c', 'echo out; echo err >&2; exit 3'], { installHint: '' });
    expect(result.exitCode).toBe(3);
    expect(result.output).toContain('out');
    expect(result.output).toContain('err');
  });
});
