import { BLORA_KECAMATAN, KABUPATEN } from './blora-places.js';
import type { Random } from './random.js';

const GIVEN_MALE = [
  'Agus',
  'Budi',
  'Slamet',
  'Sutrisno',
  'Bambang',
  'Joko',
  'Eko',
  'Wahyu',
  'Sugeng',
  'Teguh',
  'Rudi',
  'Ahmad',
  'Muhammad',
  'Supriyadi',
  'Heri',
  'Yusuf',
  'Dwi',
  'Imam',
  'Arif',
  'Suparno',
] as const;
const GIVEN_FEMALE = [
  'Sri',
  'Siti',
  'Dewi',
  'Rina',
  'Endang',
  'Wulan',
  'Tri',
  'Yuni',
  'Lestari',
  'Nur',
  'Sulastri',
  'Ratna',
  'Anik',
  'Puji',
  'Eka',
  'Fitri',
] as const;
const FAMILY = [
  'Santoso',
  'Wibowo',
  'Purnomo',
  'Setiawan',
  'Susanto',
  'Hidayat',
  'Prasetyo',
  'Rahayu',
  'Lestari',
  'Wahyuni',
  'Kurniawan',
  'Saputra',
  'Suryani',
  'Handayani',
  'Nugroho',
  'Haryanto',
  'Mulyani',
  'Rahmawati',
] as const;

export interface PersonFacts {
  name: string;
  /** 08… mobile number, as typed by the reporter. */
  phone: string;
  /** The way LAPOR shows a phone number: first and last digit around a fixed run of stars. */
  phoneMasked: string;
  /** 16 digits: region + kecamatan, birth date (+40 on the day for women), serial. */
  nik: string;
  email?: string;
}

/** A fixed number of stars, so the mask does not even reveal the number's length. */
export function maskLikeLapor(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${digits.slice(0, 1)}[${'*'.repeat(15)}]${digits.slice(-1)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function generatePerson(random: Random, kecamatanCode?: string): PersonFacts {
  const female = random.chance(0.45);
  const given = random.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  const name = random.chance(0.25) ? given : `${given} ${random.pick(FAMILY)}`;
  const prefix = random.pick([
    '0812',
    '0813',
    '0821',
    '0822',
    '0852',
    '0853',
    '0857',
    '0858',
    '0877',
    '0878',
    '0895',
    '0896',
  ]);
  let phone = prefix;
  const length = random.int(11, 13);
  while (phone.length < length) phone += String(random.int(0, 9));
  const kec = kecamatanCode ?? random.pick(BLORA_KECAMATAN).code;
  const day = random.int(1, 28) + (female ? 40 : 0);
  const nik = `${KABUPATEN.code}${kec}${pad(day, 2)}${pad(random.int(1, 12), 2)}${pad(random.int(50, 105) % 100, 2)}${pad(random.int(1, 9999), 4)}`;
  const person: PersonFacts = { name, phone, phoneMasked: maskLikeLapor(phone), nik };
  if (random.chance(0.3)) person.email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${random.int(1, 99)}@gmail.com`;
  return person;
}
