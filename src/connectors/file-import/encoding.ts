import { open } from 'node:fs/promises';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** How much of a file is looked at to guess its encoding and delimiter. */
export const SAMPLE_BYTES = 64 * 1024;

export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The sample is UTF-8 if it decodes strictly, ignoring a sequence cut at the sample's end. */
function isUtf8(sample: Buffer, complete: boolean): boolean {
  let end = sample.length;
  if (!complete) {
    // Step back over at most 3 continuation bytes and their lead byte.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && sample[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

// Single-byte Latin guesses differ only in letters Indonesian text does not use; Windows
// Excel on an Indonesian locale writes Windows-1252, so that is what such a guess means.
const LATIN = /^(ISO-8859-(1|2|9|15)|windows-125[0-4])$/i;

/**
 * The encoding of a CSV export: a byte-order mark wins, then valid UTF-8, then chardet's
 * guess (Latin guesses become Windows-1252), then Windows-1252.
 */
export function detectEncoding(sample: Buffer, complete: boolean): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isUtf8(sample, complete)) return 'utf-8';
  const guess = chardet.detect(sample);
  if (!guess || LATIN.test(guess)) return 'windows-1252';
  return iconv.encodingExists(guess) ? guess : 'windows-1252';
}

export function decodeSample(sample: Buffer, encoding: string): string {
  return iconv.decode(sample, encoding);
}
