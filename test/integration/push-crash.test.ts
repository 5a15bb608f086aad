import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { systemClock } from '../../src/domain/clock.js';
import { closeQueues, createQueues } from '../../src/queue/queues.js';
import { createStore } from '../../src/store/store.js';
import { waitFor } from '../support/cli.js';
import { startDaemonProcess } from '../support/daemon.js';
import { startPushWorld, type PushWorld } from '../support/push-world.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

let world: PushWorld | undefined;
const queueRedis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
afterAll(() => queueRedis.quit());
let redis: TestRedis | undefined;
const children: { child: { kill(signal: NodeJS.Signals): boolean } }[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.child.kill('SIGKILL');
  await world?.close();
  await redis?.cleanup();
  world = redis = undefined;
});

describe('forwarding survives a crash between the LAPOR create and the write-back (real child processes)', () => {
  it('creates the LAPOR report once and writes its tracking id back once', async () => {
    world = await startPushWorld({
      push: { forward: [{ from: 'superapp', to: 'lapor', unclassifiedAs: 'pengaduan' }] },
      schedule: '*/2 * * * * *',
    });
    const w = world;
    redis = await testRedis('crash');
    const store = createStore(redis.redis, redis.prefix, systemClock, { failingAfter: 3 });
    const [record] = (await (
      await fetch(`${w.regional.url}/_sandbox/superapp/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'Lampu PJU di Jl. Pemuda mati sejak seminggu.' }),
      })
    ).json()) as { id: number }[];
    const id = complaintId('superapp', String(record!.id));
    const sp4nId = () =>
      (
        w.regional.state() as { superapp: { complaints: { id: number; sp4n_id: string | null }[] } }
      ).superapp.complaints.find((c) => c.id === record!.id)!.sp4n_id;
    const onLapor = () => w.lapor.visibleTrackingIds().filter((t) => w.lapor.report(t)?.clientRef === id);
    const env = {
      ...w.env,
      LAPOR_BRIDGE__REDIS__KEYPREFIX: redis.prefix,
      // Short enough that the killed daemon's jobs are taken over soon; long enough that a lock
      // is renewed while another test keeps the shared Redis busy (at 2 s a job stalled twice).
      LAPOR_BRIDGE__PIPELINE__JOBLOCKMS: '5000',
      LAPOR_BRIDGE__PIPELINE__POLLLOCKMS: '2000',
      // A time-out then shows each push attempt and what it waited for.
      LOG_LEVEL: 'debug',
    };
    const pushLines = (daemon: { output(): { stdout: string } }) =>
      daemon
        .output()
        .stdout.split('\n')
        .filter((l) => /"level":[45]|worker:push/.test(l))
        .slice(-8)
        .join('\n');

    // Nothing is pushed until the regional system is down (a pause of the queue holds every
    // daemon's push worker): a fast machine would otherwise forward and write back in the
    // moment between the complaint's arrival and the maintenance below.
    const queues = createQueues(queueRedis, redis.prefix);
    await queues.push.pause();
    w.lapor.faults.configure({ maintenance: { forSeconds: 3 } });
    const first = await startDaemonProcess(w.configFile, env);
    children.push(first);
    await waitFor(
      async () => (await store.ledger.get(id)) !== undefined,
      20_000,
      'the regional complaint in the ledger',
    );
    expect(onLapor()).toEqual([]);
    // The regional system goes down: the create on LAPOR can happen, the write-back cannot.
    // (Its Retry-After is honoured: the write-back waits for the window to end, in whichever process.)
    w.regional.faults.configure({ maintenance: { forSeconds: 15 } });
    await queues.push.resume();
    await closeQueues(queues);
    await waitFor(
      () => onLapor().length === 1,
      30_000,
      () => `the report created on LAPOR\n${pushLines(first)}`,
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(sp4nId()).toBeNull();

    const second = await startDaemonProcess(w.configFile, env);
    children.push(second);
    // The regional window (15 s) plus a second daemon's start and its take-over of the killed
    // one's jobs, on a machine the rest of the suite keeps busy.
    await waitFor(
      () => sp4nId() !== null,
      75_000,
      () => `the tracking id written back\n${pushLines(second)}`,
    );
    expect(onLapor()).toEqual([sp4nId()]);
  }, 150_000);
});
