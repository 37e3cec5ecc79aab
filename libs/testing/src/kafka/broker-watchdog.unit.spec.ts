import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasExited, waitForExit } from './broker-process';
import { watchBrokerOwner } from './broker-watchdog';

const idle = (...args: string[]) => spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)', ...args], { stdio: 'ignore' });

describe('the broker watchdog', () => {
  let runDir: string;
  beforeEach(() => (runDir = mkdtempSync(join(tmpdir(), 'frm-watchdog-'))));
  afterEach(() => rmSync(runDir, { recursive: true, force: true }));

  it('stops the broker and deletes its run directory once the owner is killed', async () => {
    const owner = idle();
    const broker = idle(runDir); // its command line names the run directory, as a real broker's does
    watchBrokerOwner(owner.pid ?? 0, broker.pid ?? 0, runDir);

    owner.kill('SIGKILL');

    expect(await waitForExit(broker.pid ?? 0, 10_000)).toBe(true);
    for (let waited = 0; existsSync(runDir) && waited < 5_000; waited += 100) await sleep(100);
    expect(existsSync(runDir)).toBe(false);
  });

  it('leaves the broker alone while the owner lives', async () => {
    const owner = idle();
    const broker = idle(runDir);
    try {
      watchBrokerOwner(owner.pid ?? 0, broker.pid ?? 0, runDir);
      await sleep(1_500);
      expect(hasExited(broker.pid ?? 0)).toBe(false);
      expect(existsSync(runDir)).toBe(true);
    } finally {
      broker.kill('SIGKILL');
      owner.kill('SIGKILL');
    }
  });
});
