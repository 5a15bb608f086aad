import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Redis as RedisNode } from 'ioredis';
import { createRedis } from '../../src/redis/connection.js';
import { TEST_REDIS_URL, testRedis, type TestRedis } from '../support/redis.js';

let r: TestRedis | undefined;
let client: RedisNode | undefined;
afterEach(async () => {
  client?.disconnect();
  client = undefined;
  await r?.cleanup();
  r = undefined;
});

/** Counts the socket's writes to the kernel: one `_write` per chunk, one `_writev` per batch. */
function countWrites(socket: Socket): { writes: number; batches: number } {
  const seen = { writes: 0, batches: 0 };
  const write = socket._write.bind(socket);
  const writev = socket._writev!.bind(socket);
  socket._write = (...args: Parameters<Socket['_write']>) => {
    seen.writes += 1;
    write(...args);
  };
  socket._writev = (...args: Parameters<NonNullable<Socket['_writev']>>) => {
    seen.batches += 1;
    writev(...args);
  };
  return seen;
}

describe('a Redis connection of the daemon (real Redis)', () => {
  it('sends the commands of one turn in one socket write, each answered in order', async () => {
    r = await testRedis('writes');
    client = createRedis(TEST_REDIS_URL, 'producer');
    await client.connect();
    const key = `${r.prefix}:counter`;
    const seen = countWrites(client.stream as Socket);
    const counts = await Promise.all(Array.from({ length: 20 }, () => client!.incr(key)));
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen).toEqual({ writes: 0, batches: 1 });
    // The next turn's commands go out in a write of their own: nothing waits for a later one.
    expect(await client.get(key)).toBe('20');
    expect(seen.writes + seen.batches).toBe(2);
  });
});
