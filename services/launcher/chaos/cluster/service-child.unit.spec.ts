import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceChild } from './service-child';

describe('ServiceChild', () => {
  let directory: string;
  let main: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'frm-service-child-'));
    main = join(directory, 'main.js');
    // Says where it "listens", then waits to be stopped, as a service does.
    writeFileSync(main, "console.log(JSON.stringify({ grpc: 'here' })); setInterval(() => undefined, 1000);\n");
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('runs a service off the request path at the priority its definition gives', async () => {
    const child = ServiceChild.spawn({ name: 'notifications', main, readyField: 'grpc', env: {}, nice: 10 }, join(directory, 'niced.log'));
    try {
      await expect(child.ready(30_000)).resolves.toBe('here');
      expect(getPriority(child.pid as number)).toBe(10);
    } finally {
      await child.crash();
    }
  });

  it('leaves a service on the request path at the priority it was started with', async () => {
    const child = ServiceChild.spawn({ name: 'intake', main, readyField: 'grpc', env: {} }, join(directory, 'plain.log'));
    try {
      await child.ready(30_000);
      expect(getPriority(child.pid as number)).toBe(getPriority());
    } finally {
      await child.crash();
    }
  });
});
