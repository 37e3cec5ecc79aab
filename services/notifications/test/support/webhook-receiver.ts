import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** A real HTTP receiver that checks every signature with the Standard Webhooks library. */
export async function startReceiver(secret: string | (() => string), answer: (attempt: number) => number | 'hang') {
  const secretOf = typeof secret === 'function' ? secret : () => secret;
  const attempts: Array<{ id: string; timestamp: string; verified: boolean; body: string; at: number }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = true;
      try {
        new Webhook(secretOf()).verify(body, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      attempts.push({ id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), verified, body, at: Date.now() });
      const status = answer(attempts.length);
      if (status === 'hang') return;
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { attempts, url: `http://127.0.0.1:${port}/hooks/frm`, close: () =>
      new Promise<void>((resolve) => {
        // A hanging request would keep the server open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
