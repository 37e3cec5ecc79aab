import { spawn } from 'node:child_process';
import { hasExited, isBrokerProcessAlive, waitForExit } from './broker-process';

describe('broker process checks', () => {
  it('does not take a live process for a broker whose run directory is not on its command line', () => {
    expect(hasExited(process.pid)).toBe(false);
    expect(isBrokerProcessAlive(process.pid, '/no/such/run-dir')).toBe(false);
  });

  it('sees a killed process exit', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    expect(isBrokerProcessAlive(pid, '30')).toBe(true);
    child.kill('SIGKILL');
    expect(await waitForExit(pid, 5_000)).toBe(true);
    expect(isBrokerProcessAlive(pid, '30')).toBe(false);
  });
});
