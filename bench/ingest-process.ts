import { startIngestWorker } from '../src/app/workers/ingest-worker.js';
import { benchLogger, loadLaporConfig, openBenchPipeline } from './lib/lapor-pipeline.js';

/**
 * One ingest worker process of the scale-out scenario: the daemon's runtime with only its
 * ingest worker, on the Redis and key prefix it is given. Says "ready" on stdout, stops on
 * SIGTERM. Arguments: a JSON object { redisUrl, prefix, concurrency, pageSize, sandbox }.
 */
const args = JSON.parse(process.argv[2] ?? '{}') as {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  pageSize: number;
  sandbox: { url: string; token: string; instansiId: string };
};
const logger = benchLogger();
const loaded = loadLaporConfig(args.sandbox, {
  redisUrl: args.redisUrl,
  prefix: args.prefix,
  ingestConcurrency: args.concurrency,
  pageSize: args.pageSize,
});
const pipe = await openBenchPipeline(loaded, logger, false);
startIngestWorker(pipe.runtime, pipe.lifecycle);
process.once('SIGTERM', () => {
  void pipe.stop().finally(() => process.exit(0));
});
process.stdout.write('ready\n');
