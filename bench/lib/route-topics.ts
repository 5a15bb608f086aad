/**
 * What residents write about, per unit of the Blora directory (config/opd/blora.yaml):
 * phrases that name the problem, some deliberately shared between offices that are
 * confused in practice (street lights: Dishub or Perkim; drains: PUPR or DLH; school
 * fees: Disdik or Bag. Kesra). The channel's coarse category per unit is how the
 * super-app and the Bupati app file them. Kecamatan and kelurahan are generated from
 * place names (route-data.ts).
 */
export interface UnitTopic {
  category: string;
  phrases: readonly string[];
}

export const UNIT_TOPICS: Readonly<Record<string, UnitTopic>> = {
  dpupr: {
    category: 'Infrastruktur',
    phrases: [
      'jalan rusak parah berlubang',
      'aspal jalan kabupaten mengelupas',
      'jembatan retak hampir ambrol',
      'saluran drainase jalan tersumbat banjir',
      'proyek pengaspalan jalan mangkrak',
      'talud sungai longsor',
      'irigasi tersier jebol sawah kering',
      'jalan poros desa berlumpur tidak bisa dilewati',
    ],
  },
  dinperkim: {
    category: 'Infrastruktur',
    phrases: [
      'lampu penerangan jalan umum mati',
      'pju padam sudah lama gelap',
      'bantuan rumah tidak layak huni',
      'rtlh belum cair',
      'taman kota kotor tidak terawat',
      'pemakaman umum tidak terurus',
      'perumahan subsidi banjir',
    ],
  },
  dinhub: {
    category: 'Infrastruktur',
    phrases: [
      'lampu lalu lintas mati di perempatan',
      'traffic light rusak',
      'parkir liar di bahu jalan',
      'juru parkir minta uang lebih',
      'angkutan umum ugal ugalan',
      'truk odol merusak jalan',
      'rambu lalu lintas roboh',
      'uji kir kendaraan lama',
    ],
  },
  dlh: {
    category: 'Lingkungan',
    phrases: [
      'sampah menumpuk tidak diangkut',
      'tps liar bau busuk',
      'pencemaran limbah pabrik ke sungai',
      'asap pembakaran sampah',
      'truk sampah tidak datang',
      'limbah cair tahu mencemari sumur',
      'pohon tumbang di pinggir jalan',
      'kebisingan mesin penggilingan',
    ],
  },
  dinkes: {
    category: 'Kesehatan',
    phrases: [
      'pelayanan puskesmas lambat',
      'dokter puskesmas tidak ada',
      'stok obat puskesmas kosong',
      'fogging demam berdarah',
      'kasus demam berdarah banyak',
      'posyandu tidak aktif',
      'vaksin imunisasi anak habis',
      'stunting balita gizi buruk',
    ],
  },
  'rsud-blora': {
    category: 'Kesehatan',
    phrases: [
      'antrean rsud soetijono lama',
      'pasien bpjs ditolak rumah sakit',
      'perawat rsud blora judes',
      'kamar inap rsud penuh',
      'igd rumah sakit lambat menangani',
      'tagihan rsud tidak sesuai',
    ],
  },
  'rsud-cepu': {
    category: 'Kesehatan',
    phrases: [
      'antrean rsud cepu lama',
      'pelayanan rumah sakit cepu buruk',
      'dokter spesialis rsud cepu tidak ada',
      'parkir rsud cepu mahal',
      'ambulans rsud cepu terlambat',
    ],
  },
  disdik: {
    category: 'Pendidikan',
    phrases: [
      'pungutan sekolah negeri',
      'sekolah minta uang seragam',
      'ppdb zonasi tidak adil',
      'guru honorer belum digaji',
      'gedung sekolah rusak atap bocor',
      'dana bos disalahgunakan',
      'ijazah ditahan sekolah',
      'guru jarang masuk kelas',
    ],
  },
  disdukcapil: {
    category: 'Administrasi Kependudukan',
    phrases: [
      'ktp elektronik belum jadi',
      'blangko ktp habis',
      'akta kelahiran lama diproses',
      'kartu keluarga salah nama',
      'antrean dukcapil panjang',
      'pindah domisili dipersulit',
      'kia kartu identitas anak',
      'nik tidak terdaftar',
    ],
  },
  dinsos: {
    category: 'Sosial',
    phrases: [
      'bansos pkh tidak diterima',
      'bantuan sembako salah sasaran',
      'dtks tidak terdaftar',
      'kekerasan terhadap anak',
      'kdrt istri dipukul',
      'orang terlantar odgj di jalan',
      'bpnt tidak cair',
      'pengemis dan anak jalanan',
    ],
  },
  dinppkb: {
    category: 'Sosial',
    phrases: [
      'pelayanan kb implan',
      'alat kontrasepsi kosong',
      'penyuluh kb tidak datang',
      'kampung kb tidak jalan',
      'pernikahan dini anak',
    ],
  },
  satpolpp: {
    category: 'Ketertiban Umum',
    phrases: [
      'pedagang kaki lima di trotoar',
      'karaoke buka sampai malam',
      'minuman keras dijual bebas',
      'baliho liar dipasang sembarangan',
      'anak punk mengganggu',
      'kebakaran rumah pemadam lambat',
      'bangunan liar di tanah negara',
    ],
  },
  dp4: {
    category: 'Pertanian',
    phrases: [
      'pupuk subsidi langka',
      'harga pupuk di kios di atas het',
      'hama wereng menyerang padi',
      'penyakit mulut dan kuku sapi',
      'bantuan bibit tidak sampai',
      'kartu tani tidak bisa dipakai',
      'harga gabah anjlok',
      'penyuluh pertanian tidak pernah datang',
    ],
  },
  dinpangan: {
    category: 'Pertanian',
    phrases: [
      'harga beras naik',
      'cadangan pangan desa',
      'keamanan pangan jajanan sekolah',
      'makanan kedaluwarsa dijual',
      'lumbung pangan kosong',
    ],
  },
  pdam: {
    category: 'Air Bersih',
    phrases: [
      'air pdam mati',
      'air pdam keruh',
      'tagihan pdam membengkak',
      'pipa pdam bocor',
      'aliran air kecil',
      'meteran air rusak',
      'sambungan baru pdam lama',
    ],
  },
  dinpermades: {
    category: 'Pemerintahan Desa',
    phrases: [
      'dana desa disalahgunakan',
      'kepala desa korupsi',
      'perangkat desa jarang masuk',
      'bumdes tidak transparan',
      'pengisian perangkat desa curang',
      'add alokasi dana desa',
      'musyawarah desa tidak melibatkan warga',
    ],
  },
  diskominfo: {
    category: 'Informasi',
    phrases: [
      'website pemkab tidak bisa dibuka',
      'sinyal internet lemah',
      'wifi gratis taman mati',
      'menara bts',
      'aplikasi lapor error',
      'hoaks di media sosial',
    ],
  },
  dindagkop: {
    category: 'Ekonomi',
    phrases: [
      'pasar tradisional kumuh',
      'retribusi pasar naik',
      'los pasar tidak dibagi adil',
      'minyak goreng langka',
      'timbangan pedagang curang',
      'koperasi simpan pinjam bermasalah',
      'elpiji tiga kilo langka',
    ],
  },
  disnaker: {
    category: 'Ekonomi',
    phrases: [
      'upah di bawah ump',
      'phk sepihak',
      'bpjs ketenagakerjaan tidak dibayar',
      'kartu kuning ak1',
      'pelatihan kerja blk',
      'pabrik tidak memberi thr',
    ],
  },
  dpmptsp: {
    category: 'Perizinan',
    phrases: [
      'izin usaha lama',
      'pbg imb dipersulit',
      'oss nib tidak terbit',
      'izin reklame',
      'pelayanan mal pelayanan publik',
    ],
  },
  dinporabudpar: {
    category: 'Pariwisata',
    phrases: [
      'objek wisata tidak terawat',
      'tiket wisata mahal',
      'gor rusak',
      'lapangan olahraga tidak bisa dipakai',
      'cagar budaya rusak',
      'event kesenian barongan',
    ],
  },
  dinarpus: {
    category: 'Informasi',
    phrases: [
      'perpustakaan daerah tutup',
      'buku perpustakaan sedikit',
      'perpustakaan keliling',
      'arsip dokumen hilang',
    ],
  },
  bapenda: {
    category: 'Keuangan',
    phrases: [
      'tagihan pbb tidak sesuai',
      'sppt pbb belum dibagikan',
      'pajak restoran',
      'bphtb mahal',
      'njop naik tinggi',
    ],
  },
  bpkad: {
    category: 'Keuangan',
    phrases: [
      'pencairan anggaran terlambat',
      'aset daerah dipakai pribadi',
      'tanah aset pemkab diserobot',
      'hibah belum cair',
    ],
  },
  bkpsdm: {
    category: 'Kepegawaian',
    phrases: [
      'asn bolos kerja',
      'seleksi pppk tidak transparan',
      'pns main game saat jam kerja',
      'kenaikan pangkat lama',
      'pegawai pungli',
    ],
  },
  bappeda: {
    category: 'Pembangunan',
    phrases: [
      'usulan musrenbang tidak direalisasi',
      'perencanaan pembangunan tidak merata',
      'rpjmd',
      'data pembangunan',
    ],
  },
  bpbd: {
    category: 'Bencana',
    phrases: [
      'banjir bandang rumah terendam',
      'tanah longsor menutup jalan',
      'angin puting beliung atap rumah',
      'kekeringan air bersih dropping',
      'bantuan korban bencana',
    ],
  },
  kesbangpol: {
    category: 'Ketertiban Umum',
    phrases: ['ormas meresahkan', 'konflik antar warga', 'aliran kepercayaan', 'pemilu kampanye'],
  },
  inspektorat: {
    category: 'Pengawasan',
    phrases: [
      'pungutan liar oleh oknum pegawai',
      'laporan korupsi pejabat',
      'gratifikasi pelayanan',
      'penyimpangan anggaran dinas',
    ],
  },
  'bag-kesra': {
    category: 'Sosial',
    phrases: [
      'bantuan masjid',
      'hibah tempat ibadah',
      'beasiswa mahasiswa miskin',
      'insentif guru ngaji',
      'haji umroh',
    ],
  },
  'bag-pem': {
    category: 'Pemerintahan Desa',
    phrases: ['batas desa sengketa', 'pemekaran wilayah', 'pilkades', 'tanah bengkok'],
  },
  'bag-hukum': {
    category: 'Hukum',
    phrases: ['perbup', 'peraturan daerah', 'bantuan hukum warga miskin', 'produk hukum'],
  },
  'bag-pbj': {
    category: 'Pembangunan',
    phrases: ['tender proyek diatur', 'lelang pengadaan curang', 'lpse', 'pemenang tender'],
  },
  'bag-prokopim': {
    category: 'Informasi',
    phrases: ['bupati tidak menanggapi', 'audiensi dengan bupati', 'acara bupati', 'humas pemkab'],
  },
  setwan: {
    category: 'Pemerintahan',
    phrases: ['anggota dprd tidak menanggapi', 'reses dewan', 'aspirasi ke dprd', 'pokir dewan'],
  },
};

/** What people write to a kecamatan or a kelurahan office (a place name goes with it). */
export const TERRITORIAL = {
  kecamatan: {
    category: 'Pelayanan Publik',
    phrases: [
      'pelayanan kantor kecamatan lambat',
      'camat sulit ditemui',
      'legalisir di kecamatan',
      'rekomendasi camat',
      'pelayanan paten kecamatan',
      'pegawai kecamatan tidak ramah',
    ],
  },
  kelurahan: {
    category: 'Pelayanan Publik',
    phrases: [
      'surat pengantar kelurahan',
      'lurah tidak ada di kantor',
      'pelayanan kantor kelurahan',
      'surat keterangan domisili kelurahan',
      'kerja bakti kelurahan',
      'pos ronda kelurahan',
    ],
  },
} as const;
