import { connect } from 'node:net';

export function probeTcp(host: string, port: number, timeoutMs = 1_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: string | undefined) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish('ETIMEDOUT'));
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
  });
}

export function parseHostPort(address: string): { host: string; port: number } {
  const [, host, port] = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim()) ?? [];
  if (!host || !port) throw new Error(`"${address}" is not a host:port Kafka address (expected e.g. 127.0.0.1:39092)`);
  return { host, port: Number(port) };
}
