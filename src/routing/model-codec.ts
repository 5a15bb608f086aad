import type { ModelData } from './classifier.js';

/** The model as one blob: a JSON header, then its arrays as raw little-endian bytes. */
export function encodeModel(d: ModelData): Buffer {
  const { logPrior, logUnseen, offsets, classIdx, logRatio, ...meta } = d;
  const arrays = [logPrior, logUnseen, offsets, classIdx, logRatio];
  const header = Buffer.from(JSON.stringify({ ...meta, lengths: arrays.map((a) => a.length) }));
  const parts = [Buffer.alloc(4), header, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))];
  parts[0]!.writeUInt32LE(header.length);
  return Buffer.concat(parts);
}

export function decodeModel(blob: Buffer): ModelData {
  const headerLength = blob.readUInt32LE(0);
  const header = JSON.parse(blob.subarray(4, 4 + headerLength).toString('utf8')) as Omit<
    ModelData,
    'logPrior' | 'logUnseen' | 'offsets' | 'classIdx' | 'logRatio'
  > & { lengths: number[] };
  let at = 4 + headerLength;
  // Copied out: the blob's offsets need not be aligned for a typed-array view.
  const take = <T>(Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T => {
    const bytes = blob.subarray(at, at + length * Kind.BYTES_PER_ELEMENT);
    at += bytes.length;
    return new Kind(Uint8Array.from(bytes).buffer);
  };
  const [a, b, c, d, e] = header.lengths as [number, number, number, number, number];
  const { lengths: _lengths, ...meta } = header;
  return {
    ...meta,
    logPrior: take(Float64Array, a),
    logUnseen: take(Float64Array, b),
    offsets: take(Uint32Array, c),
    classIdx: take(Uint16Array, d),
    logRatio: take(Float32Array, e),
  };
}
