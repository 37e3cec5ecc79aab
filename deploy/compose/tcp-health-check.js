// Health check of a container until its service offers gRPC health checking: healthy once the
// port given as the first argument accepts a TCP connection on this container's loopback.
// Plain JavaScript on purpose: it runs in a second, with no TypeScript loader.
const { connect } = require('node:net');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node deploy/compose/tcp-health-check.js <port>');
  process.exit(2);
}
const socket = connect({ host: '127.0.0.1', port, timeout: 2000 });
socket.once('connect', () => {
  socket.end();
  process.exit(0);
});
socket.once('timeout', () => process.exit(1));
socket.once('error', () => process.exit(1));
