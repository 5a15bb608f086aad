import { afterEach, describe, expect, it } from 'vitest';
import { complaintId } from '../../src/domain/complaint.js';
import { waitFor } from '../support/cli.js';
import { startTestPipeline, type TestPipeline } from '../support/pipeline.js';
import { startPushWorld, type PushWorld } from '../support/push-world.js';

let world: PushWorld | undefined;
let pipe: TestPipeline | undefined;
afterEach(async () => {
  await pipe?.stop();
  await world?.close();
  pipe = world = undefined;
});

const HOSTILE = 'Tolong &lt;script&gt;alert(1)&lt;/script&gt; jalan "rusak" <img src=x onerror=alert(2)> di Desa Jepon';

describe('texts written into LAPOR are encoded for its HTML field (real sandboxes)', () => {
  it('a WhatsApp message with escaped markup reaches LAPOR as text, never as live HTML', async () => {
    world = await startPushWorld({ push: { forward: [{ from: 'wadesk', to: 'lapor', unclassifiedAs: 'pengaduan' }] } });
    const added = await fetch(`${world.regional.url}/_sandbox/wa/records`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: HOSTILE }),
    });
    const [record] = (await added.json()) as { _id: string }[];
    pipe = await startTestPipeline({ file: world.configFile, env: world.env });

    await pipe.runtime.enqueuePoll('wadesk', 'live', 'one');
    const ref = complaintId('wadesk', record!._id);
    const onLapor = () =>
      world!.lapor
        .visibleTrackingIds()
        .map((id) => world!.lapor.report(id)!)
        .find((r) => r.clientRef === ref);
    await waitFor(() => onLapor() !== undefined, 15_000, 'the complaint forwarded to LAPOR');

    const body = String(onLapor()!.body);
    expect(body).not.toMatch(/<script|<img/i);
    expect(body).toBe('Tolong &lt;script&gt;alert(1)&lt;/script&gt; jalan &quot;rusak&quot; di Desa Jepon');
    // The ledger holds the text as people wrote it; only the HTML field gets it escaped.
    expect((await pipe.runtime.store.ledger.get(ref))?.body).toBe(
      'Tolong <script>alert(1)</script> jalan "rusak" di Desa Jepon',
    );
  });
});
