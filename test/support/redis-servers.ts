import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * Why Redis servers of a test's own cannot be started here, or undefined when they can
 * (Debian: redis-server and redis-tools). Developers without them get a skip that says so;
 * CI installs them (.ci/run) and must run these tests: there they fail instead.
 */
export function redisServersUnavailable(): string | undefined {
  const missing = ['redis-server', 'redis-cli'].filter((b) => !onPath(b));
  if (missing.length === 0 || process.env.CI) return undefined;
  return `${missing.join(' and ')} missing on PATH (apt-get install redis-server)`;
}

/** redis-server processes of one test in a temporary directory, nothing persisted; `stop` ends them and deletes it. */
class ServerGroup {
  readonly dir = mkdtempSync(join(tmpdir(), 'lb-redis-'));
  private readonly children: ChildProcess[] = [];
  private readonly clients = new Map<string, Redis>();

  /** Starts `redis-server` with these arguments after the loopback port it gets; resolves its host:port. */
  async start(args: string[]): Promise<string> {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [...args, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
      { stdio: 'ignore' },
    );
    this.children.push(child);
    const address = `127.0.0.1:${port}`;
    await waitFor(
      async () =>
        (await this.node(address)
          .ping()
          .catch(() => '')) === 'PONG',
      15_000,
      `${address}`,
    );
    return address;
  }

  /** A plain connection to one server (for commands that answer for that node only). */
  node(address: string): Redis {
    let client = this.clients.get(address);
    if (!client) {
      const [host, port] = address.split(':');
      client = new Redis({ host: host!, port: Number(port), maxRetriesPerRequest: 1 });
      // Refused while the server starts: PING is asked again until it answers.
      client.on('error', () => undefined);
      this.clients.set(address, client);
    }
    return client;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.clients.values()].map((c) => c.quit()));
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Runs `start` and stops everything when it throws. */
  async starting<T>(start: () => Promise<T>): Promise<T> {
    try {
      return await start();
    } catch (err) {
      await this.stop();
      throw err;
    }
  }
}

/** One master of the cluster: its address and the slots it serves. */
export interface ClusterMaster {
  address: string;
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
 * Three masters on free ports, no replicas: `redis-server --cluster-enabled yes` each,
 * joined by `redis-cli --cluster create`. Resolves once every node says cluster_state:ok.
 */
export async function startTestCluster(size = 3): Promise<TestCluster> {
  const group = new ServerGroup();
  return group.starting(async () => {
    const nodes: string[] = [];
    for (let i = 0; i < size; i++) {
      // The cluster bus gets a free port of its own rather than port + 10000, which may be taken or past 65535.
      const bus = await freePort();
      const config = `nodes-${i}-${bus}.conf`;
      nodes.push(
        await group.start(['--cluster-enabled', 'yes', '--cluster-config-file', config, '--cluster-port', String(bus)]),
      );
    }
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    await waitFor(
      async () =>
        (await Promise.all(nodes.map((a) => group.node(a).cluster('INFO')))).every((info) =>
          String(info).includes('cluster_state:ok'),
        ),
      30_000,
      'cluster_state:ok on every node',
    );
    const first = group.node(nodes[0]!);
    return {
      nodes,
      node: (address) => group.node(address),
      async masters() {
        return String(await first.cluster('NODES'))
          .split('\n')
          .filter((line) => line.includes('master'))
          .map((line) => {
            const fields = line.split(' ');
            const slots = fields.slice(8).map((range) => {
              const [from, to] = range.split('-').map(Number);
              return [from!, to ?? from!] as [number, number];
            });
            return { address: fields[1]!.split('@')[0]!, slots };
          });
      },
      async keySlot(key) {
        return Number(await first.cluster('KEYSLOT', key));
      },
      stop: () => group.stop(),
    };
  });
}

export interface TestSentinel {
  /** The primary the sentinel watched at start (host:port), and its replica when asked for one. */
  primary: string;
  replica?: string;
  node(address: string): Redis;
  /** host:port of the sentinel, and the name of the primary it watches. */
  sentinel: string;
  name: string;
  /** Where the sentinel says the primary is now. */
  current(): Promise<string | undefined>;
  stop(): Promise<void>;
}

/** A primary (with a replica if asked) and one sentinel watching it under `name` (quorum 1). */
export async function startTestSentinel(
  name = 'lapor-test',
  options: { replica?: boolean } = {},
): Promise<TestSentinel> {
  const group = new ServerGroup();
  return group.starting(async () => {
    // As docs/SCALE.md advises: a primary that has lost its replica refuses writes (NOREPLICAS),
    // so what a client still sends it after a failover fails and is retried, never lost. (The
    // replica, promoted, has no replica left here: it takes writes as a primary with two would.)
    const primary = await group.start(options.replica ? ['--min-replicas-to-write', '1'] : []);
    const [host, port] = primary.split(':');
    const replica = options.replica ? await group.start(['--replicaof', host!, port!]) : undefined;
    // A sentinel rewrites its configuration file: it gets one of its own in the group's directory.
    const conf = join(group.dir, `sentinel-${name}.conf`);
    writeFileSync(conf, `sentinel monitor ${name} ${host} ${port} 1\n`);
    const sentinel = await group.start([conf, '--sentinel']);
    const ask = (...args: string[]) => group.node(sentinel).call('SENTINEL', ...args);
    const current = async () => ((await ask('get-master-addr-by-name', name)) as string[] | null)?.join(':');
    await waitFor(async () => (await current()) === primary, 15_000, `the sentinel to name ${primary}`);
    if (replica)
      await waitFor(
        async () => String(await group.node(primary).info('replication')).includes('min_slaves_good_slaves:1'),
        15_000,
        `the primary to count its replica ${replica} as good`,
      );
    // The sentinel learns of replicas from the primary's INFO, every 10 s at most.
    if (replica)
      await waitFor(
        async () => String(await ask('replicas', name)).includes(replica.split(':')[1]!),
        30_000,
        `the sentinel to know the replica ${replica}`,
      );
    return {
      primary,
      ...(replica ? { replica } : {}),
      sentinel,
      name,
      current,
      node: (address) => group.node(address),
      stop: () => group.stop(),
    };
  });
}
