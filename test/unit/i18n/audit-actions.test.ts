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

describe('audit actions in the catalogue', () => {
  const codes = codesWritten(join(import.meta.dirname, '../../../src'));

  it('names every code the daemon writes, in Indonesian and in English', () => {
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) {
      expect(messages('id').audit.action(code), code).not.toBe(code);
      expect(messages('en').audit.action(code), code).not.toBe(code);
    }
  });

  it('shows a code it does not know as it is', () => {
    expect(messages('id').audit.action('something_new')).toBe('something_new');
    expect(messages('en').audit.action('constructor')).toBe('constructor');
  });

  it("says why in the reader's language where the entry carries what the sentence needs, else as recorded", () => {
    const sent = {
      who: 'push',
      what: 'answer_sent',
      why: 'approved answer to lapor 5010653',
      detail: JSON.stringify({ responseId: 'r-1', remoteId: '88', system: 'lapor', externalId: '5010653' }),
    };
    expect(messages('id').audit.why(sent)).toBe('jawaban yang disetujui dikirim ke lapor 5010653');
    expect(messages('en').audit.why(sent)).toBe('approved answer sent to lapor 5010653');
    // Written before the detail named the destination: as recorded.
    const before = { ...sent, detail: JSON.stringify({ responseId: 'r-1', remoteId: '88' }) };
    expect(messages('id').audit.why(before)).toBe('approved answer to lapor 5010653');
    expect(messages('id').audit.why({ who: 'ingest:wadesk', what: 'created', why: 'first seen on wadesk' })).toBe(
      'pertama kali masuk dari wadesk',
    );
    expect(
      messages('en').audit.why({ who: 'officer:kepala', what: 'answer_approved', why: 'approved by the OPD head' }),
    ).toBe('approved by kepala');
    const pulled = {
      who: 'ingest:lapor',
      what: 'answers_approved',
      why: '2 answers pulled and approved without a person',
      detail: JSON.stringify({ answers: [{ complaintId: 'c-1' }, { complaintId: 'c-2' }] }),
    };
    expect(messages('id').audit.why(pulled)).toMatch(/^2 jawaban dari lapor disetujui tanpa ditanyakan/);
    const failed = { who: 'address:10.0.0.9', what: 'login_failed', why: 'account disabled' };
    expect(
      messages('id').audit.why({ ...failed, detail: JSON.stringify({ cause: 'disabled', failuresForUser: 1 }) }),
    ).toBe('akun dinonaktifkan');
    expect(messages('id').audit.why(failed)).toBe('account disabled');
    const skipped = {
      who: 'push',
      what: 'forward_skipped',
      why: 'case already on lapor: 5010653',
      detail: JSON.stringify({ destination: 'lapor', reason: 'case_already_there', source: 'wadesk', seen: '5010653' }),
    };
    expect(messages('id').audit.why(skipped)).toBe('kasusnya sudah ada di lapor: 5010653');
    const merged = { who: 'ingest', what: 'case_merged', why: 'case c-2 is the same complaint as case c-1' };
    expect(
      messages('id').audit.why({ ...merged, detail: JSON.stringify({ from: 'c-2', into: 'c-1', by: 'identity' }) }),
    ).toBe('kasus c-2 adalah aduan yang sama dengan kasus c-1');
    // Merged for a reason of its own (dedup's, an operator's): that reason, as written.
    expect(
      messages('en').audit.why({ ...merged, why: 'digabung oleh kepala', detail: '{"from":"c-2","into":"c-1"}' }),
    ).toBe('digabung oleh kepala');
    // A person's words and a decision's stay as they were written.
    const rejected = { who: 'officer:kepala', what: 'answer_rejected', why: 'lengkapi nomor surat' };
    expect(messages('en').audit.why(rejected)).toBe('lengkapi nomor surat');
    expect(
      messages('id').audit.why({ who: 'dedup', what: 'case_proposed', why: 'dedup: skor 0.72', detail: 'x' }),
    ).toBe('dedup: skor 0.72');
  });
});
