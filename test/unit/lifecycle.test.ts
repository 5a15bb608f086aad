import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../../src/lifecycle/lifecycle.js';
import { captureLogger } from '../support/logger.js';

describe('Lifecycle', () => {
  it('stops in reverse start order and runs every step even when one fails', async () => {
    const order: string[] = [];
    const life = new Lifecycle(captureLogger().logger);
    life.add('redis', () => void order.push('redis'));
    life.add('queues', () => {
      order.push('queues');
      throw new Error('boom');
    });
    life.add('http', async () => void order.push('http'));
    const report = await life.stop(1000);
    expect(order).toEqual(['http', 'queues', 'redis']);
    expect(report.ok).toBe(false);
    expect(report.steps.find((s) => s.step === 'queues')!.error).toBe('boom');
  });

  it('bounds the whole stop and abandons a hanging step', async () => {
    const life = new Lifecycle(captureLogger().logger);
    let lastRan = false;
    life.add('first-started', () => void (lastRan = true));
    life.add('hangs', () => new Promise<void>(() => undefined));
    const started = Date.now();
    const report = await life.stop(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.steps[0]).toMatchObject({ step: 'hangs', timedOut: true });
    expect(lastRan).toBe(true);
  });

  it('is idempotent: a second stop returns the same result', async () => {
    const life = new Lifecycle(captureLogger().logger);
    let count = 0;
    life.add('x', () => void count++);
    const [a, b] = await Promise.all([life.stop(1000), life.stop(1000)]);
    expect(a).toBe(b);
    expect(count).toBe(1);
    expect(life.isStopping).toBe(true);
  });
});
