import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Queues } from '../queue/queues.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;

/** One registry per daemon, so tests and several daemons in one process don't collide. */
export function createMetrics(queues: Queues): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'lapor-bridge' });
  collectDefaultMetrics({ register: registry, prefix: 'lapor_bridge_' });
  new Gauge({
    name: 'lapor_bridge_queue_jobs',
    help: 'Jobs per BullMQ queue and state, read from Redis at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const [name, queue] of Object.entries(queues)) {
        const counts = await queue.getJobCounts(...STATES);
        for (const state of STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
  return registry;
}
