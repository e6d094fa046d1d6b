// A plain TCP forwarder in front of the engine socket, for the proxy bench's context figures: bytes
// both ways, in a process of its own (its buffers and garbage collections are not the bench's, so
// they do not fall on the next call measured). One change to the bytes: the `Accept-Encoding` line
// of a request head is dropped, as Porthole drops it for a client on this machine — else the engine
// gzips `docker cp` out at tens of MB/s and the figure says nothing about relaying.
// node forwarder.mjs <engine socket>: prints the port it listens on (127.0.0.1).
import net from 'node:net';

const ACCEPT_ENCODING = /\r\nAccept-Encoding:[^\r\n]*/gi;
const server = net.createServer((client) => {
  const engine = net.connect(process.argv[2]);
  engine.pipe(client);
  client.on('data', (chunk) => {
    // A request head starts with a method; body bytes (a tar stream) go through untouched.
    const out = /^[A-Z]{3,7} \//.test(chunk.toString('latin1', 0, 9))
      ? Buffer.from(chunk.toString('latin1').replace(ACCEPT_ENCODING, ''), 'latin1')
      : chunk;
    if (!engine.write(out)) {
      client.pause();
      engine.once('drain', () => client.resume());
    }
  });
  client.on('end', () => engine.end());
  const close = () => {
    client.destroy();
    engine.destroy();
  };
  client.on('error', close);
  engine.on('error', close);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
