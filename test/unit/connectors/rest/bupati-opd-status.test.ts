import { describe, expect, it } from 'vitest';
import { bupatiOpdStage } from '../../../../src/connectors/rest/presets/bupati-opd-status.js';

describe('bupatiOpdStage: two parallel statuses fold into one stage', () => {
  it.each([
    ['PENDING', 'PENDING', 'MENUNGGU_BUPATI'],
    ['PENDING', undefined, 'MENUNGGU_BUPATI'],
    [undefined, 'PENDING', 'MENUNGGU_BUPATI'],
    ['PROSES', 'PENDING', 'DISPOSISI_OPD'],
    ['PROSES', undefined, 'DISPOSISI_OPD'],
    ['PROSES', 'PROSES', 'PROSES_OPD'],
    ['PENDING', 'PROSES', 'PROSES_OPD'],
    ['PROSES', 'SELESAI', 'DIJAWAB_OPD'],
    ['PROSES', 'DITOLAK', 'DITOLAK_OPD'],
    ['PENDING', 'DITOLAK', 'DITOLAK_OPD'],
    ['SELESAI', 'SELESAI', 'SELESAI'],
    ['SELESAI', 'PROSES', 'SELESAI'],
    ['SELESAI', 'DITOLAK', 'SELESAI'],
    ['DITOLAK', 'PENDING', 'DITOLAK_BUPATI'],
    ['DITOLAK', 'SELESAI', 'DITOLAK_BUPATI'],
    ['DITOLAK', undefined, 'DITOLAK_BUPATI'],
    ['selesai', ' proses ', 'SELESAI'],
    [undefined, undefined, undefined],
    ['ARSIP', 'PENDING', undefined],
    ['PROSES', 'DIKEMBALIKAN', undefined],
  ])('bupati %j + opd %j → %j', (bupati, opd, stage) => {
    expect(bupatiOpdStage(bupati, opd)).toBe(stage);
  });
});
