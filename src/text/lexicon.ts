/**
 * Words of everyday complaint text that repairing glued SMS segments may split a token
 * into, and the greeting and closing formulas that say nothing about the complaint. Data:
 * extend freely. Formulas are written as normalized text (lower case, abbreviations
 * expanded), longest first wins.
 */
export const COMMON_WORDS: readonly string[] = `
ada adalah agar air akan aki aliran aman anak anggaran apa apakah aspal atas atau awal bagaimana bagi bahkan bahu baik banjir bantuan banyak bapak baru batas bau bawah beberapa
belakang belum benar berat berbahaya berhenti berlubang besar bulan bisa buang bupati cepat cuma dalam dan dana dapat dari datang daerah data dekat demam depan desa di dia dinas
diperbaiki ditindaklanjuti dusun dua empat gang gelap genangan guru hampir hanya harga hari harus hilang hingga hujan ibu ijazah ini informasi ingin itu jadwal jalan jam jembatan
juga jumlah kabupaten kadang kali kalau kami kampung kantor karena kartu kasih kata ke kebersihan kecamatan kecelakaan kejadian kelurahan kemarin kepada kepala kerja kering kesehatan
ketika kita kondisi korban kota kotor kurang lagi lain lama lampu lancar langsung lapor lebih lewat listrik lokasi lubang macet mafia makan malam mana masalah masih masuk mati
mau melalui memang mereka minggu mobil mohon motor mulai muncul murid nama namun nomor obat orang pada pagi pajak pak pasar pasien pasang pelayanan pemerintah penerangan
pengendara perbaikan perlu pernah pertama petugas pohon proyek pukul puskesmas pupuk rawan rumah rusak rt rw sakit saja saluran sama sampah sampai sangat saya sebelum sebulan
sedang sehingga sejak sekali sekarang sekitar sekolah selama sempat sering setiap siang sinyal siswa sore sudah sumur surat susah tahun tanah tanggal tapi tempat tentang terima
tersebut terus tetapi tidak tiga tindak tolong truk tua tumbang umum untuk usulan waktu warga wilayah ya yang
`
  .split(/\s+/)
  .filter(Boolean);

/** Addressee lines at the start of a message. */
export const OPENING_FORMULAS: readonly string[] = [
  'kepada yang terhormat',
  'yang terhormat',
  'kepada yth',
  'yth',
  'dengan hormat',
  'kepada',
  'bapak ibu',
  'bapak bupati',
  'ibu bupati',
  'bapak camat',
  'bapak kepala dinas',
  'dinas terkait',
  'instansi terkait',
  'pihak terkait',
  'bapak',
  'ibu',
  'admin',
  'tolong',
  'halo',
  'hallo',
  'hai',
  'permisi',
  'mohon maaf mengganggu',
  'maaf mengganggu',
  'maaf',
];

/** Greetings and closings anywhere in a message. */
export const POLITE_FORMULAS: readonly string[] = [
  'assalamualaikum warahmatullahi wabarakatuh',
  'waalaikumsalam warahmatullahi wabarakatuh',
  'wassalamualaikum warahmatullahi wabarakatuh',
  'assalamualaikum',
  'wassalamualaikum',
  'waalaikumsalam',
  'wassalam',
  'warahmatullahi wabarakatuh',
  'salam sejahtera',
  'selamat pagi',
  'selamat siang',
  'selamat sore',
  'selamat malam',
  'salam hormat',
  'hormat saya',
  'mohon segera ditindaklanjuti',
  'mohon untuk segera ditindaklanjuti',
  'mohon ditindaklanjuti',
  'mohon segera ditindak lanjuti',
  'mohon ditindak lanjuti',
  'mohon tindak lanjutnya',
  'mohon perhatiannya',
  'mohon perhatian',
  'mohon bantuannya',
  'mohon responnya',
  'mohon solusinya',
  'atas perhatiannya',
  'atas perhatian',
  'terima kasih banyak',
  'terima kasih',
];
