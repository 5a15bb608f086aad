import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './cli.js';

const run = promisify(execFile);

function onPath(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;
}

/**
 * Why a Redis Cluster cannot be started here, or undefined when it can (Debian: redis-server
 * and redis-tools). Developers without them get a skip that says so; CI installs them
 * (.ci/run) and must run the cluster tests: there they fail instead.
 */
export function clusterUnavailable(): string | undefined {
  const missing = ['redis-server', 'redis-cli'].filter((b) => !onPath(b));
  if (missing.length === 0 || process.env.CI) return undefined;
  return `${missing.join(' and ')} missing on PATH (apt-get install redis-server)`;
}

/** One master of the cluster: its address and the slots it serves. */
export interface ClusterMaster {
  address: string;
  port: number;
  slots: [number, number][];
}

export interface TestCluster {
  /** host:port of every node, as `redis.cluster.nodes` lists them. */
  nodes: string[];
  /** A plain connection to one node (for CLUSTER and SCAN, which answer for that node only). */
  node(address: string): Redis;
  /** The masters and their slot ranges, as CLUSTER NODES says. */
  masters(): Promise<ClusterMaster[]>;
  /** The slot of a key, as the cluster computes it (CLUSTER KEYSLOT). */
  keySlot(key: string): Promise<number>;
  /** Stops the servers and deletes their directory. */
  stop(): Promise<void>;
}

/**
 * Three masters on free ports, no replicas, nothing persisted, in a temporary directory:
 * `redis-server --cluster-enabled yes` each, joined by `redis-cli --cluster create`. Resolves
 * once every node says cluster_state:ok.
 */
export async function startTestCluster(size = 3): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-cluster-'));
  const children: ChildProcess[] = [];
  const clients = new Map<string, Redis>();
  const node = (address: string) => {
    let client = clients.get(address);
    if (!client) {
      const [host, port] = address.split(':');
      client = new Redis({ host: host!, port: Number(port), maxRetriesPerRequest: 1 });
      // Refused while the node starts: PING is asked again until it answers.
      client.on('error', () => undefined);
      clients.set(address, client);
    }
    return client;
  };
  const stop = async () => {
    await Promise.allSettled([...clients.values()].map((c) => c.quit()));
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const nodes: string[] = [];
    for (let i = 0; i < size; i++) {
      // The cluster bus gets a free port of its own rather than port + 10000, which may be taken or past 65535.
      const [port, busPort] = [await freePort(), await freePort()];
      const child = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--cluster-port', String(busPort)],
          ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`],
          ...['--save', '', '--appendonly', 'no', '--dir', dir],
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      nodes.push(`127.0.0.1:${port}`);
    }
    await waitFor(
      async () =>
        (
          await Promise.all(
            nodes.map((a) =>
              node(a)
                .ping()
                .catch(() => ''),
            ),
          )
        ).every((p) => p === 'PONG'),
      15_000,
      'the cluster nodes to answer PING',
    );
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await waitFor(
      async () =>
        (await Promise.all(nodes.map((a) => node(a).cluster('INFO')))).every((info) =>
          String(info).includes('cluster_state:ok'),
        ),
      30_000,
      'cluster_state:ok on every node',
    );
    return {
      nodes,
      node,
      async masters() {
        const text = String(await node(nodes[0]!).cluster('NODES'));
        return text
          .split('\n')
          .filter((line) => line.includes('master'))
          .map((line) => {
            const fields = line.split(' ');
            const address = fields[1]!.split('@')[0]!;
            const slots = fields.slice(8).map((range) => {
              const [from, to] = range.split('-').map(Number);
              return [from!, to ?? from!] as [number, number];
            });
            return { address, port: Number(address.split(':')[1]), slots };
          });
      },
      async keySlot(key) {
        return Number(await node(nodes[0]!).cluster('KEYSLOT', key));
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
