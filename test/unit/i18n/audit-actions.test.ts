import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';

/** Every audit code the daemon writes (`what: '…'`, and the two-way codes written as `? '…' : '…'`). */
function codesWritten(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(/\bwhat: ([^,\n]+)/g))
      for (const code of m[1]!.matchAll(/(?:^|[?:]\s*)'([a-z_]+)'/g)) codes.add(code[1]!);
  }
  return codes;
}

/** An audit entry's fields as the stream holds them, its detail as JSON. */
const entry = (who: string, what: string, why: string, detail?: Record<string, unknown>) => ({
  who,
  what,
  why,
  ...(detail ? { detail: JSON.stringify(detail) } : {}),
});

describe('audit actions in the catalogue', () => {
  const codes = codesWritten(join(import.meta.dirname, '../../../src'));

  it('names every code the daemon writes, in Indonesian and in English', () => {
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) {
      expect(messages('id').audit.action(code), code).not.toBe(code);
      expect(messages('en').audit.action(code), code).not.toBe(code);
    }
  });

  it('says who did it: a person by name, a channel, a stage of the daemon', () => {
    const cases: [string, 'id' | 'en', string][] = [
      ['officer:kepala', 'id', 'kepala'],
      ['user:admin', 'en', 'admin'],
      ['ingest:wadesk', 'id', 'penarikan wadesk'],
      ['ingest', 'en', 'pull'],
      ['intake:superapp', 'id', 'kiriman superapp'],
      ['routing:model', 'id', 'model rute'],
      ['address:10.0.0.9', 'en', 'address 10.0.0.9'],
      ['dedup', 'id', 'deteksi duplikat'],
      ['constructor', 'id', 'constructor'],
      ['someone:new', 'en', 'someone:new'],
    ];
    for (const [who, lang, said] of cases) expect(messages(lang).audit.who(who), who).toBe(said);
  });

  it('shows a code it does not know as it is', () => {
    expect(messages('id').audit.action('something_new')).toBe('something_new');
    expect(messages('en').audit.action('constructor')).toBe('constructor');
  });

  it("says why in the reader's language where the entry carries what the sentence needs, else as recorded", () => {
    const recorded = 'approved answer to lapor 5010653';
    const sent = entry('push', 'answer_sent', recorded, { remoteId: '88', system: 'lapor', externalId: '5010653' });
    const cases: [ReturnType<typeof entry>, 'id' | 'en', string][] = [
      [sent, 'id', 'jawaban yang disetujui dikirim ke lapor 5010653'],
      [sent, 'en', 'approved answer sent to lapor 5010653'],
      // Written before the detail named the destination: as recorded.
      [entry('push', 'answer_sent', recorded, { remoteId: '88' }), 'id', recorded],
      [entry('ingest:wadesk', 'created', 'first seen on wadesk'), 'id', 'pertama kali masuk dari wadesk'],
      [entry('officer:kepala', 'answer_approved', 'approved by the OPD head'), 'en', 'approved by kepala'],
      // A draft pulled from a channel waits as an officer's does.
      [
        entry('ingest:wadesk', 'answer_drafted', 'waiting for approval by the OPD head'),
        'id',
        'menunggu persetujuan kepala OPD',
      ],
      [
        entry('ingest:lapor', 'answers_approved', '2 answers pulled', { answers: [{ complaintId: 'c-1' }, {}] }),
        'id',
        '2 jawaban dari lapor disetujui tanpa ditanyakan kepada orang (terbit di sumbernya, atau OPD-nya tidak perlu persetujuan)',
      ],
      [
        entry('address:10.0.0.9', 'login_failed', 'account disabled', { cause: 'disabled' }),
        'id',
        'akun dinonaktifkan',
      ],
      [entry('address:10.0.0.9', 'login_failed', 'account disabled'), 'id', 'account disabled'],
      [
        entry('push', 'forward_skipped', 'case already on lapor: 5010653', {
          destination: 'lapor',
          reason: 'case_already_there',
          seen: '5010653',
        }),
        'id',
        'kasusnya sudah ada di lapor: 5010653',
      ],
      [
        entry('ingest', 'case_merged', 'case c-2 is the same complaint as case c-1', {
          from: 'c-2',
          into: 'c-1',
          by: 'identity',
        }),
        'id',
        'kasus c-2 adalah aduan yang sama dengan kasus c-1',
      ],
      // A merge and a split finished after a crash.
      [
        entry('ingest', 'case_merged', 'finishing the merge of case c-2 into c-1, cut short', {
          from: 'c-2',
          into: 'c-0',
          by: 'resumed',
          planned: 'c-1',
        }),
        'id',
        'melanjutkan penggabungan kasus c-2 ke c-1 yang terputus',
      ],
      [
        entry('ingest', 'case_split', 'finishing the split of case c-1, cut short', {
          from: 'c-1',
          into: 'c-3',
          by: 'resumed',
        }),
        'id',
        'melanjutkan pemisahan kasus c-1 yang terputus',
      ],
      // An operator's split: the operator's reason.
      [entry('officer:admin', 'case_split', 'beda pelapor', { from: 'c-1', into: 'c-3' }), 'en', 'beda pelapor'],
      // Merged for a reason of its own (dedup's, an operator's): that reason, as written.
      [
        entry('operator:kepala', 'case_merged', 'digabung oleh kepala', { from: 'c-2', into: 'c-1' }),
        'en',
        'digabung oleh kepala',
      ],
      // Routed by the model (its confidence against the threshold), by an operator, by a rule (its label's words).
      [
        entry('routing:model', 'routed', 'model v1: 87% yakin (ambang 85%)', {
          opd: 'dpupr',
          from: null,
          model: 'v1',
          confidence: 0.874,
          threshold: 0.85,
        }),
        'en',
        'model v1: 87% sure (threshold 85%)',
      ],
      [entry('operator:ops', 'routed', 'ditetapkan oleh ops', { opd: 'dinkes', from: null }), 'en', 'assigned by ops'],
      [
        entry('routing:rule', 'routed', 'aturan PDAM: kata pdam', { opd: 'pdam', from: null }),
        'en',
        'aturan PDAM: kata pdam',
      ],
      // A person's words and a decision's stay as they were written.
      [entry('officer:kepala', 'answer_rejected', 'lengkapi nomor surat'), 'en', 'lengkapi nomor surat'],
      [{ who: 'dedup', what: 'case_proposed', why: 'dedup: skor 0.72', detail: 'x' }, 'id', 'dedup: skor 0.72'],
    ];
    for (const [fields, lang, said] of cases) expect(messages(lang).audit.why(fields), fields.what).toBe(said);
  });
});
