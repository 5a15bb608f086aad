import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A key prefix of the test's own on the shared Redis. `cleanup()` deletes only keys under
 * that prefix (ledger keys `<prefix>:…` and BullMQ keys `{<prefix>}:…`), never FLUSHDB.
 */
export interface TestRedis {
  prefix: string;
  redis: Redis;
  cleanup(): Promise<void>;
}

export async function testRedis(label = 't'): Promise<TestRedis> {
  const prefix = `lbtest-${label}-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  return {
    prefix,
    redis,
    async cleanup() {
      for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await redis.unlink(...keys);
        } while (cursor !== '0');
      }
      await redis.quit();
    },
  };
}
