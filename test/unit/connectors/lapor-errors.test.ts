import { describe, expect, it } from 'vitest';
import { DEFAULT_BODY_ERRORS, laporConfigSchema } from '../../../src/connectors/lapor/config.js';
import { bodyError, compileBodyErrors, envelopeFailure } from '../../../src/connectors/lapor/errors.js';

const config = laporConfigSchema.parse({ kind: 'lapor', baseUrl: 'https://lapor.test', instansiId: '3316' });

describe('LAPOR error messages', () => {
  const table = compileBodyErrors([...DEFAULT_BODY_ERRORS]);

  it.each([
    ['token invalid', 'AUTH'],
    ['Token expired', 'AUTH'],
    ['token required', 'AUTH'],
    ['Unauthorized', 'AUTH'],
    ['instansi tidak sesuai dengan token', 'AUTH'],
    ['Too Many Requests', 'RATE_LIMITED'],
    ['laporan tidak ditemukan', 'NOT_FOUND'],
    ['laporan berstatus "selesai" tidak dapat ditindaklanjuti', 'CONFLICT'],
    ['laporan tidak lagi terdisposisi ke instansi ini', 'CONFLICT'],
    ['isi laporan minimal 10 karakter', 'INVALID_PAYLOAD'],
    ['klasifikasi harus salah satu dari: pengaduan, aspirasi, permintaan informasi', 'INVALID_PAYLOAD'],
    ['topic_id 99 tidak dikenal', 'INVALID_PAYLOAD'],
    ['Database error', 'TRANSIENT'],
    ['', 'TRANSIENT'],
  ])('status:false with %j → %s', (message, code) => {
    expect(bodyError(message, 'GET /api/v1/topics', table).code).toBe(code);
  });

  it("uses a deployment's own table when given", () => {
    const own = compileBodyErrors([{ match: 'sesi habis', code: 'AUTH' }]);
    expect(bodyError('Sesi habis, silakan login', 'x', own).code).toBe('AUTH');
    expect(bodyError('token invalid', 'x', own).code).toBe('TRANSIENT');
  });

  it.each([
    [{ status: true, data: [] }, undefined],
    [{ status: false, message: 'token invalid' }, 'token invalid'],
    [{ status: 'false', message: 'x' }, 'x'],
    [{ status: 0 }, 'no message'],
    [{ data: [] }, undefined],
    [[1, 2], undefined],
  ])('envelope %j fails with %j', (body, message) => {
    expect(envelopeFailure(body, config.response)).toBe(message);
  });
});
