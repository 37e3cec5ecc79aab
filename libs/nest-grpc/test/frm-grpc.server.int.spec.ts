import { createServer, type Server } from 'node:net';
import { FrmGrpcServer, GrpcPortUnavailableError } from '../src';

describe('FrmGrpcServer', () => {
  it('binds port 0 to a free port and tells it', async () => {
    const server = new FrmGrpcServer({ service: 'testing', host: '127.0.0.1', port: 0, portSetting: 'FRM_TESTING_GRPC_PORT' });
    expect(() => server.address).toThrow(/not listening yet/);
    const grpc = await server.createClient();
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.address).toBe(`127.0.0.1:${server.port}`);
    } finally {
      grpc.forceShutdown();
    }
  });

  it('refuses a taken port with the setting that moves it', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const server = new FrmGrpcServer({ service: 'testing', host: '127.0.0.1', port, portSetting: 'FRM_TESTING_GRPC_PORT' });
      const binding = server.createClient();
      await expect(binding).rejects.toThrow(GrpcPortUnavailableError);
      await expect(binding).rejects.toThrow(`the testing gRPC service cannot listen on 127.0.0.1:${port}`);
      await expect(binding).rejects.toThrow('set FRM_TESTING_GRPC_PORT to a free port');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
