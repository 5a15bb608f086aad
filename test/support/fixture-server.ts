import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Serves recorded-style answers of one server from a fixture folder over real HTTP: the
 * request path (without its leading segments up to `root`) names the file, `headers.json`
 * gives each file's Content-Type, and a missing file answers 404 with a GeoReport error
 * list. Query strings are ignored (a fixture is what the server answered) but kept, so a
 * test can look at what the client asked.
 */
export interface FixtureServer {
  url: string;
  /** Every request as "METHOD path?query". */
  seen: string[];
  close(): Promise<void>;
}

export async function startFixtureServer(folder: string): Promise<FixtureServer> {
  const types = JSON.parse(await readFile(join(folder, 'headers.json'), 'utf8')) as Record<string, string>;
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const name = new URL(req.url ?? '/', 'http://x').pathname.split('/').pop() ?? '';
    void readFile(join(folder, name)).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': types[name] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify([{ code: 404, description: `${name} not found` }]));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/open311/v2`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
