import { describe, expect, it } from 'vitest';
import { maskText } from '../../src/domain/mask.js';
import { captureLogger } from '../support/logger.js';

const PHONE = '081234567890';
const NIK = '3316012345678901';

describe('log redaction', () => {
  it('never shows a phone number or NIK, in the message or in fields', () => {
    const { logger, text } = captureLogger();
    logger.info(
      { note: `pelapor ${PHONE} NIK ${NIK}`, nested: { body: `hubungi +62 812-3456-7890` } },
      `complaint from ${PHONE} with NIK ${NIK}`,
    );
    const out = text();
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain(NIK);
    expect(out).not.toContain('812-3456-7890');
    expect(out).toContain('0[**********]0');
  });

  it('redacts identity and credential keys at any depth', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      {
        reporter: { name: 'Siti Aminah' },
        job: { data: { phone: PHONE, nik: NIK, email: 'siti@example.id', address: 'Jl. Pemuda 1' } },
        token: 'abc',
      },
      'x',
    );
    const line = lines()[0]!;
    const json = JSON.stringify(line);
    for (const secret of ['Siti Aminah', PHONE, NIK, 'siti@example.id', 'Jl. Pemuda 1', '"abc"'])
      expect(json).not.toContain(secret);
    expect(line.token).toBe('[redacted]');
  });

  it('leaves identifiers such as tracking ids untouched', () => {
    const { logger, lines } = captureLogger();
    logger.info({ trackingId: '6281234567890', complaintId: 'c1' }, 'linked');
    expect(lines()[0]!.trackingId).toBe('6281234567890');
  });
});

describe('maskText', () => {
  it.each([
    ['Hubungi saya di 081234567890 ya', 'Hubungi saya di 0[**********]0 ya'],
    ['wa +6281234567890', 'wa 6[***********]0'],
    ['no 0812-3456-789', 'no 0[*********]9'],
    [`NIK ${NIK}`, 'NIK [NIK/KK disamarkan]'],
    ['mail a.b@desa.go.id', 'mail [email disamarkan]'],
    ['RT 03 RW 05 tahun 2024, 12 rumah', 'RT 03 RW 05 tahun 2024, 12 rumah'],
    ['tracking 5010653', 'tracking 5010653'],
  ])('%s', (input, expected) => {
    expect(maskText(input)).toBe(expected);
  });
});
