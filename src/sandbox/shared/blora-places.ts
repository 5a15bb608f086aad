/**
 * Kecamatan of Kabupaten Blora (kode wilayah 33.16) with some of their desa/kelurahan.
 * Enough for realistic locations; not an authoritative gazetteer.
 */
export interface Kecamatan {
  name: string;
  /** Two-digit district code, as in the NIK. */
  code: string;
  desa: readonly string[];
  kelurahan?: readonly string[];
}

export const KABUPATEN = { name: 'Blora', code: '3316', province: 'Jawa Tengah' } as const;

export const BLORA_KECAMATAN: readonly Kecamatan[] = [
  { name: 'Jati', code: '01', desa: ['Jati', 'Doplang', 'Randulawang', 'Bangkleyan', 'Gabusan', 'Pelem', 'Jegong'] },
  {
    name: 'Randublatung',
    code: '02',
    desa: ['Wulung', 'Kutukan', 'Sambongwangan', 'Pilang', 'Temulus', 'Ngliron', 'Kalisari', 'Plosorejo'],
    kelurahan: ['Randublatung'],
  },
  { name: 'Kradenan', code: '03', desa: ['Kradenan', 'Menden', 'Mendenrejo', 'Sumber', 'Nglungger', 'Megeri'] },
  { name: 'Kedungtuban', code: '04', desa: ['Kedungtuban', 'Sogo', 'Nglandeyan', 'Tanjung', 'Ngraho', 'Pulo', 'Wado'] },
  {
    name: 'Cepu',
    code: '05',
    desa: ['Ngroto', 'Sumberpitu', 'Jipang', 'Mulyorejo', 'Nglanjuk', 'Kapuan'],
    kelurahan: ['Cepu', 'Balun', 'Karangboyo', 'Ngelo', 'Tambakromo'],
  },
  { name: 'Sambong', code: '06', desa: ['Sambong', 'Gagakan', 'Biting', 'Ledok', 'Pojokwatu', 'Brabowan'] },
  { name: 'Jiken', code: '07', desa: ['Jiken', 'Nglebur', 'Bangowan', 'Jiworejo', 'Genjahan', 'Singonegoro'] },
  {
    name: 'Jepon',
    code: '08',
    desa: ['Jepon', 'Semanggi', 'Tempellemahbang', 'Kawengan', 'Soko', 'Puledagel', 'Bangsri'],
  },
  {
    name: 'Blora',
    code: '09',
    desa: ['Jepangrejo', 'Sonorejo', 'Tambahrejo', 'Purworejo', 'Ngadipurwo', 'Patalan'],
    kelurahan: ['Kunden', 'Tempelan', 'Mlangsen', 'Kauman', 'Jetis', 'Bangkle', 'Karangjati', 'Beran', 'Tegalgunung'],
  },
  { name: 'Tunjungan', code: '10', desa: ['Tunjungan', 'Sukorejo', 'Kedungrejo', 'Adirejo', 'Nglangitan', 'Sitirejo'] },
  { name: 'Banjarejo', code: '11', desa: ['Banjarejo', 'Sidomulyo', 'Kembang', 'Balongrejo', 'Mojowetan', 'Ngampel'] },
  {
    name: 'Ngawen',
    code: '12',
    desa: ['Ngawen', 'Sarimulyo', 'Bogowanti', 'Karangtalun', 'Trembulrejo', 'Sendangmulyo'],
  },
  {
    name: 'Kunduran',
    code: '13',
    desa: ['Kunduran', 'Sonokulon', 'Ngawenombo', 'Kemiri', 'Karanggeneng', 'Sendangwates', 'Bejirejo'],
  },
  { name: 'Todanan', code: '14', desa: ['Todanan', 'Kedungwungu', 'Sambeng', 'Kacangan', 'Ngumbul', 'Gunungan'] },
  { name: 'Bogorejo', code: '15', desa: ['Bogorejo', 'Gandu', 'Sendanggayam', 'Jurangjero', 'Nglengkir', 'Tempurejo'] },
  { name: 'Japah', code: '16', desa: ['Japah', 'Ngiyono', 'Dologan', 'Kalinanas', 'Sumberejo', 'Tengger'] },
];

/** Streets and landmarks that residents name in their reports. */
export const BLORA_STREETS = [
  'Jl. Pemuda',
  'Jl. Gatot Subroto',
  'Jl. Ahmad Yani',
  'Jl. Sudirman',
  'Jl. Pahlawan',
  'Jl. Halmahera',
  'Jl. Diponegoro',
  'Jl. Raya Blora-Cepu',
  'Jl. Raya Blora-Randublatung',
  'Jl. Raya Blora-Purwodadi',
  'Jl. Mr. Iskandar',
  'Jl. Nusantara',
  'Jl. Reksodiputro',
  'Jl. Arumdalu',
  'jalan desa',
  'jalan poros desa',
  'jalan kabupaten ruas Jepon-Bogorejo',
] as const;
