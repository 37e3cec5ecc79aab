import { createServer as createHttp1Server, type RequestListener } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { GatewayPortUnavailableError } from './gateway-port-unavailable.error';

/** What every HTTP/2 connection starts with (RFC 9113 §3.4); an HTTP/1.1 request line never does. */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
// A connection that has not said which protocol it speaks by then is dropped.
const PREFACE_TIMEOUT_MS = 10_000;
const CLOSE_GRACE_MS = 2_000;

/** A port that speaks HTTP/1.1 and HTTP/2 without TLS, where ALPN cannot choose between them. */
export interface CleartextListener {
  readonly host: string;
  readonly port: number;
  /** Stops accepting, lets calls in progress finish for a moment, then drops the remaining connections. */
  close(): Promise<void>;
}

/**
 * Listens on one port and gives each connection to an HTTP/1.1 or an HTTP/2 server by its first
 * bytes: a connection that opens with the HTTP/2 preface is h2c (prior knowledge, as gRPC clients
 * connect), anything else is HTTP/1.1. The bytes read to decide are put back before the chosen
 * server sees the socket, so it parses the connection from its first byte.
 */
export async function listenCleartext(host: string, port: number, handler: RequestListener): Promise<CleartextListener> {
  const http1 = createHttp1Server(handler);
  const http2 = createHttp2Server({}, handler as unknown as Parameters<typeof createHttp2Server>[1]);
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  http2.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  // http.Server turns Nagle off on the sockets it accepts itself, not on those handed to it; left on,
  // a gRPC-web answer (headers, message, trailers: small writes) waits for the client's delayed ACK,
  // about 40 ms a call.
  const tcp = createTcpServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    handOver(socket, (isHttp2) => {
      if (isHttp2) {
        http2.emit('connection', socket);
        return;
      }
      http1.emit('connection', socket);
      // The HTTP/1.1 parser reads the socket's handle directly from now on; the bytes put back are
      // in the stream's buffer, which it parses as they flow, before the handle's next read.
      socket.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', (error) => reject(new GatewayPortUnavailableError(`${host}:${port}`, error)));
    tcp.listen(port, host, () => resolve());
  });
  const bound = (tcp.address() as { port: number }).port;

  return {
    host,
    port: bound,
    async close() {
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const session of sessions) session.close();
      http1.closeIdleConnections();
      const grace = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, CLOSE_GRACE_MS);
      await closed;
      clearTimeout(grace);
    },
  };
}

/** Reads until the first bytes tell the protocol, puts them back and calls `dispatch`. */
function handOver(socket: Socket, dispatch: (isHttp2: boolean) => void): void {
  let received: Buffer = Buffer.alloc(0);
  const timeout = setTimeout(() => socket.destroy(), PREFACE_TIMEOUT_MS);
  const decide = (chunk: Buffer) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const compared = Math.min(received.length, HTTP2_PREFACE.length);
    const isHttp2 = received.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
    if (isHttp2 && received.length < HTTP2_PREFACE.length) return;
    clearTimeout(timeout);
    socket.off('data', decide);
    socket.off('error', drop);
    socket.pause();
    socket.unshift(received);
    dispatch(isHttp2);
  };
  const drop = () => {
    clearTimeout(timeout);
    socket.destroy();
  };
  socket.on('data', decide);
  socket.on('error', drop);
  socket.once('close', () => clearTimeout(timeout));
}
