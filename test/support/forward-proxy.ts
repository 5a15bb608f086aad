import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach } from 'vitest';

/**
 * A forward proxy as pemda networks run one: plain HTTP requests come in absolute form
 * ("POST http://lapor.example.go.id/api/…"), HTTPS ones as a CONNECT tunnel
 * ("CONNECT lapor.example.go.id:443"), and only the proxy knows where the named hosts are
 * (`hosts`: host or host:port → http://127.0.0.1:port, for a tunnel the TCP port behind it).
 * What it was asked is kept, so a test can say which requests went through it.
 */
export interface ForwardProxy {
  url: string;
  /** Host → where it is (http://127.0.0.1:port); may be added to while the proxy runs. */
  hosts: Record<string, string>;
  seen: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startForwardProxy(hosts: Record<string, string>): Promise<ForwardProxy> {
  const seen: ForwardProxy['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const asked = new URL(req.url ?? '');
    const target = hosts[asked.host];
    if (!target) {
      req.resume();
      res.writeHead(502).end(`unknown host ${asked.host}`);
      return;
    }
    const { 'proxy-authorization': _auth, ...headers } = req.headers;
    const upstream = request(
      new URL(`${asked.pathname}${asked.search}`, target),
      { method: req.method, headers: { ...headers, host: asked.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client, head) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', headers: req.headers });
    const target = hosts[req.url ?? ''];
    if (!target) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(Number(new URL(target).port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hosts,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const PROXY_ENV = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'].flatMap((n) => [n, n.toLowerCase()]);

/** Each test of the file starts with no proxy variable set; the process's own are back after it. */
export function useCleanProxyEnv(): void {
  const saved = Object.fromEntries(PROXY_ENV.map((name) => [name, process.env[name]]));
  beforeEach(() => {
    for (const name of PROXY_ENV) delete process.env[name];
  });
  afterEach(() => {
    for (const name of PROXY_ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
}
