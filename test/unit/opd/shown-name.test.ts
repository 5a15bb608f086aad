import { describe, expect, it } from 'vitest';
import type { OpdUnit } from '../../../src/opd/directory-schema.js';
import { shownOpdName } from '../../../src/opd/shown-name.js';

const units: Record<string, string> = { dinkes: 'Dinas Kesehatan', dpupr: 'Dinas Pekerjaan Umum dan Penataan Ruang' };
const directory = { current: (code: string) => (units[code] ? ({ name: units[code] } as OpdUnit) : undefined) };

describe('the OPD a page shows for a complaint', () => {
  it.each([
    ['routed by the model, the source named none', { code: 'dinkes', assignedBy: 'model' as const }, 'Dinas Kesehatan'],
    [
      'an operator overruled what the source named',
      { code: 'dinkes', name: 'Dinas PU', assignedBy: 'operator' as const },
      'Dinas Kesehatan',
    ],
    [
      'a code the directory no longer lists',
      { code: 'bappeda', name: 'Bappeda', assignedBy: 'source' as const },
      'bappeda',
    ],
    [
      'a source value the directory does not know (triage)',
      { name: 'Dinas Kesehatn', assignedBy: 'source' as const },
      'Dinas Kesehatn',
    ],
    ['an id only', { id: '42', assignedBy: 'source' as const }, '42'],
  ])('%s', (_, opd, shown) => {
    expect(shownOpdName(opd, directory)).toBe(shown);
  });

  it('nothing for a complaint without an OPD', () => {
    expect(shownOpdName(undefined, directory)).toBeUndefined();
  });
});
