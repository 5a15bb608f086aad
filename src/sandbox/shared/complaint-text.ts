import type { Random } from './random.js';

/** The forms one complaint's text takes on different channels. */
export interface TextVariants {
  /** Paragraphs separated by newlines, as typed on a web form. */
  plain: string;
  /** Paragraphs joined by `<br />`, as LAPOR stores web and app reports. */
  html: string;
  /** One run of lower-case text with SMS abbreviations; long messages are glued from 153-character parts. */
  sms: string;
}

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\byang\b/g, 'yg'],
  [/\bdengan\b/g, 'dgn'],
  [/\btidak\b/g, 'tdk'],
  [/\bsudah\b/g, 'sdh'],
  [/\bbelum\b/g, 'blm'],
  [/\bkarena\b/g, 'krn'],
  [/\buntuk\b/g, 'utk'],
  [/\bterima kasih\b/g, 'trmksh'],
  [/\bmohon\b/g, 'mhn'],
  [/\bsaya\b/g, 'sy'],
  [/\bbapak\b/g, 'bpk'],
  [/\bjalan\b/g, 'jln'],
  [/\bdari\b/g, 'dr'],
  [/\bkepada\b/g, 'kpd'],
  [/\bdesa\b/g, 'ds'],
  [/\bkecamatan\b/g, 'kec'],
  [/\bsampai\b/g, 'smp'],
  [/\bsekarang\b/g, 'skrg'],
  [/\bbagaimana\b/g, 'bgmn'],
  [/\btolong\b/g, 'tlg'],
];

function smsStyle(text: string, random: Random): string {
  let out = text.toLowerCase().replace(/\s+/g, ' ');
  for (const [pattern, short] of ABBREVIATIONS) if (random.chance(0.85)) out = out.replace(pattern, short);
  out = out.replace(/\. /g, random.chance(0.5) ? '. ' : '.').replace(/,/g, random.chance(0.5) ? ',' : '');
  // SMS gateways cut long messages into 153-character parts and concatenate them without a separator.
  if (out.length > 160 && random.chance(0.6)) {
    const parts: string[] = [];
    for (let i = 0; i < out.length; i += 153) parts.push(out.slice(i, i + 153).trim());
    out = parts.join('');
  }
  return out;
}

export function renderText(paragraphs: readonly string[], random: Random): TextVariants {
  return {
    plain: paragraphs.join('\n'),
    html: paragraphs.join('<br />'),
    sms: smsStyle(paragraphs.join(' '), random),
  };
}

export function fillSlots(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => slots[key] ?? whole);
}
