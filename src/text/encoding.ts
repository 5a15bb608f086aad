import iconv from 'iconv-lite';

/**
 * The one rule for text that went through a wrong decoding, applied to every record of
 * every connector (pipeline/accept.ts) and to a connector's own text checks:
 *
 * - Mojibake — UTF-8 bytes read as Windows-1252/Latin-1 ("Ã©", "â€™", "â\u0080\u0099") —
 *   is repaired when it is unambiguous: the whole text encodes back to single bytes and
 *   those bytes are valid UTF-8 (tried up to three times, for text encoded twice or more).
 *   Otherwise the text is rejected.
 * - C1 control characters (U+0080–U+009F) are bytes of a Windows-1252 file read as
 *   Latin-1; outside a repairable mojibake they are rejected, since the same byte means a
 *   different letter in every code page.
 * - U+FFFD, unpaired surrogates and C0 controls other than tab and line breaks are rejected:
 *   what was lost there cannot be recovered.
 */
export type ScreenedText = { ok: true; text: string; repaired: boolean } | { ok: false; reason: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const C0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const C1 = /[\u0080-\u009F]/;
/** A UTF-8 continuation byte as Windows-1252 or Latin-1 shows it. */
const CONT =
  '[\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]';
/** A lead byte of a 2-, 3- or 4-byte UTF-8 sequence followed by its continuation bytes. */
const MOJIBAKE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`);

/** Bytes as a Windows-1252 (or, for its five holes, Latin-1) decoder would have seen them; undefined when a character has no single byte. */
function singleBytes(text: string): Buffer | undefined {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code <= 0xff) {
      bytes.push(code);
      continue;
    }
    const encoded = iconv.encode(ch, 'windows-1252');
    if (encoded.length !== 1 || iconv.decode(encoded, 'windows-1252') !== ch) return undefined;
    bytes.push(encoded[0]!);
  }
  return Buffer.from(bytes);
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function repairMojibake(text: string): string | undefined {
  let current = text;
  for (let round = 0; round < 3 && MOJIBAKE.test(current); round++) {
    const bytes = singleBytes(current);
    const decoded = bytes && strictUtf8(bytes);
    if (decoded === undefined || decoded === current) return undefined;
    current = decoded;
  }
  return MOJIBAKE.test(current) ? undefined : current;
}

/** Printable ASCII, tab and line breaks: nothing any rule below looks for (most text is only that). */
const PLAIN = /^[\u0020-\u007E\t\n\r]*$/;

export function screenText(text: string): ScreenedText {
  if (PLAIN.test(text)) return { ok: true, text, repaired: false };
  if (text.includes('\uFFFD'))
    return { ok: false, reason: 'broken encoding: text contains replacement characters (U+FFFD)' };
  if (LONE_SURROGATE.test(text))
    return { ok: false, reason: 'broken encoding: text contains unpaired UTF-16 surrogates' };
  if (C0.test(text)) return { ok: false, reason: 'broken encoding: text contains control characters' };
  if (MOJIBAKE.test(text)) {
    const repaired = repairMojibake(text);
    if (repaired === undefined)
      return {
        ok: false,
        reason:
          'broken encoding: text looks double-encoded (UTF-8 read as Latin-1) and cannot be repaired unambiguously',
      };
    return screenText(repaired).ok ? { ok: true, text: repaired, repaired: true } : screenText(repaired);
  }
  if (C1.test(text))
    return {
      ok: false,
      reason:
        'broken encoding: text contains C1 control characters (a Windows-1252 file read as Latin-1; set the right encoding)',
    };
  return { ok: true, text, repaired: false };
}

export type ScreenedValue<T> = { ok: true; value: T; repaired: string[] } | { ok: false; reason: string };

/**
 * Every string inside a value (a draft), screened; repaired strings are replaced in a copy.
 * `repaired` lists the paths that changed; a failure names the first bad path.
 */
export function screenStrings<T>(value: T): ScreenedValue<T> {
  const repaired: string[] = [];
  let failure: string | undefined;
  // The keys down to the node walked; joined only where a string was repaired or failed.
  const keys: (string | number)[] = [];
  const here = (): string => keys.join('.');
  // A node comes back as it is unless a string inside it was repaired: nothing is copied for clean text.
  const walk = (node: unknown): unknown => {
    if (failure !== undefined) return node;
    if (typeof node === 'string') {
      if (PLAIN.test(node)) return node;
      const screened = screenText(node);
      if (!screened.ok) {
        failure = `${here() || '(text)'}: ${screened.reason}`;
        return node;
      }
      if (screened.repaired) repaired.push(here());
      return screened.text;
    }
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < node.length; i++) {
        keys.push(i);
        const item = walk(node[i]);
        keys.pop();
        if (item !== node[i]) (copy ??= node.slice())[i] = item;
      }
      return copy ?? node;
    }
    if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const key of Object.keys(record)) {
        keys.push(key);
        const walked = walk(record[key]);
        keys.pop();
        if (walked !== record[key]) (copy ??= { ...record })[key] = walked;
      }
      return copy ?? node;
    }
    return node;
  };
  const out = walk(value) as T;
  if (failure !== undefined) return { ok: false, reason: failure };
  return { ok: true, value: repaired.length > 0 ? out : value, repaired };
}
