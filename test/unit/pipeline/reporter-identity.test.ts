import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../../src/domain/mask.js';
import { reporterIdentity } from '../../../src/pipeline/reporter-identity.js';

const id = (reporter: Parameters<typeof reporterIdentity>[0]) => reporterIdentity(reporter, 'salt');

describe('reporter identity', () => {
  it('recognises one person by NIK, phone (any spelling), e-mail or name, in that order', () => {
    expect(id({ phone: '+62 812-3456-7890' })!.hash).toBe(id({ phone: '081234567890', name: 'Budi' })!.hash);
    expect(id({ nik: '3316 0101 0101 0001', phone: '081234567890' })!.hash).toBe(id({ nik: '3316010101010001' })!.hash);
    expect(id({ name: 'Siti Aminah' })!.hash).toBe(id({ name: '  siti  aminah ' })!.hash);
    expect(id({ name: 'Siti Aminah' })!.hash).not.toBe(id({ name: 'Siti Rahayu' })!.hash);
    expect(id({ name: 'Siti Aminah', phone: '081234567890' })!.display).toBe(`S. A. · ${maskPhone('081234567890')}`);
  });

  it('takes placeholders for no one: two "Anonim" complaints are not the same reporter', () => {
    for (const name of ['Anonim', 'ANONYMOUS', 'Hamba Allah', 'warga', '-', 'N/A', '...'])
      expect(id({ name }), name).toBeUndefined();
    for (const phone of ['0000000000', '08000000000', '-', '0812'])
      expect(id({ name: 'Anonim', phone }), phone).toBeUndefined();
    expect(id({ nik: '0000000000000000' })).toBeUndefined();
    // A placeholder name beside a real number: the number is the person; the name shows nothing.
    expect(id({ name: 'Anonim', phone: '081234567890' })).toMatchObject({
      hash: id({ phone: '081234567890' })!.hash,
      display: maskPhone('081234567890'),
    });
  });
});
