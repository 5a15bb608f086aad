import type { Random } from '../shared/random.js';

/** Id shapes of the imitated systems, drawn from the seeded stream. */
const HEX = '0123456789abcdef';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function draw(random: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

/** MongoDB ObjectId: 4 bytes of creation time, then 8 random bytes. */
export function objectId(random: Random, createdMs: number): string {
  return (
    Math.floor(createdMs / 1000)
      .toString(16)
      .padStart(8, '0') + draw(random, HEX, 16)
  );
}

/** Prisma's default cuid(): "c" + time + counter + randomness, 25 characters. */
export function cuid(random: Random, createdMs: number): string {
  return `c${createdMs.toString(36).padStart(8, '0').slice(-8)}${draw(random, BASE36, 16)}`;
}

export function uuid(random: Random): string {
  const h = draw(random, HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
