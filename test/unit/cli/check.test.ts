import { describe, expect, it } from 'vitest';
import { pickSource } from '../../../src/cli/check.js';
import type { Config } from '../../../src/config/schema.js';
import { messages } from '../../../src/i18n/messages.js';

const source = (kind: string, enabled = true) => ({ kind, enabled }) as Config['sources'][string];

describe('check: which source', () => {
  it.each([
    ['by name', { lapor: source('lapor'), wa: source('whatsapp') }, 'wa', 'wa'],
    ['by kind when only one has it', { 'lapor-blora': source('lapor') }, 'lapor', 'lapor-blora'],
    [
      'the only enabled one when none is named',
      { lapor: source('lapor'), old: source('lapor', false) },
      undefined,
      'lapor',
    ],
  ] as const)('%s', (_label, sources, wanted, name) => {
    expect(pickSource(sources, wanted, messages('id').cli.check)).toMatchObject({ name });
  });

  it.each([
    ['nothing configured', {}, 'lapor', /tidak ada sumber "lapor".*terkonfigurasi: belum ada/],
    ['nothing configured, in English', {}, 'lapor', /no source named "lapor".*configured: none/],
    [
      'two of the kind',
      { a: source('lapor'), b: source('lapor') },
      'lapor',
      /2 sources have kind "lapor"; name one of: a, b/,
    ],
    [
      'several and none named',
      { a: source('lapor'), b: source('whatsapp') },
      undefined,
      /name the source to check \(configured: a \(lapor\), b \(whatsapp\)\)/,
    ],
  ] as const)('explains: %s', (label, sources, wanted, message) => {
    const language = label === 'nothing configured' ? 'id' : 'en';
    expect(pickSource(sources, wanted, messages(language).cli.check)).toMatch(message);
  });
});
