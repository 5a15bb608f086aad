import { afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { wellFormedId } from '../../src/domain/external-id.js';
import { MemoryConnector } from '../support/memory-connector.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';

let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  pipe = undefined;
});

describe('hostile input passes every stage without throwing', () => {
  it('an entity outside Unicode is replaced and flagged, lone-surrogate ids stay two records', async () => {
    const source = new MemoryConnector('wa', 10);
    const at = '2026-01-05T01:00:00.000Z';
    source.records = [
      { id: 'x-1', updatedAt: at, body: 'Jalan rusak &#1114112; di &lt;script&gt;alert(1)&lt;/script&gt; Jepon' },
      { id: 'a\uD800', updatedAt: at, body: 'Lampu mati di Desa Sonorejo.' },
      { id: 'a\uD801', updatedAt: at, body: 'Sampah menumpuk di pasar.' },
    ];
    pipe = await startTestPipeline({ connectors: new Map([['wa', source]]) });
    const { runtime } = pipe;
    await runtime.enqueuePoll('wa', 'live', 'slot1');
    await pipe.drain();

    expect(await runtime.store.ledger.count()).toBe(3);
    const hostile = await runtime.store.ledger.get(complaintId('wa', 'x-1'));
    expect(hostile?.body).toBe('Jalan rusak \uFFFD di <script>alert(1)</script> Jepon');
    expect(await runtime.store.triage.get(`${hostile!.id}:text`)).toMatchObject({ kind: 'invalid_text', value: '1' });
    const a = await runtime.store.ledger.get(complaintId('wa', wellFormedId('a\uD800')));
    const b = await runtime.store.ledger.get(complaintId('wa', wellFormedId('a\uD801')));
    expect([a?.body, b?.body]).toEqual(['Lampu mati di Desa Sonorejo.', 'Sampah menumpuk di pasar.']);
    expect(await runtime.queues.ingest.getJobCounts('failed')).toEqual({ failed: 0 });
  });
});
