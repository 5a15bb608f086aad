/**
 * Complaint subjects typical of a kabupaten desk, with the office that usually answers
 * them and sentence templates per classification. Slots: {desa} {kec} {jalan} {durasi}
 * {rt} {sekolah} {lokasi}.
 */
export interface TopicTemplates {
  titles: readonly string[];
  core: readonly string[];
}

export interface SubTopic {
  name: string;
  opd: string;
  pengaduan: TopicTemplates & { details: readonly string[] };
  permintaan_informasi: TopicTemplates;
  aspirasi: TopicTemplates;
}

export interface TopTopic {
  name: string;
  children: readonly SubTopic[];
}

export const TOPIC_TREE: readonly TopTopic[] = [
  {
    name: 'Infrastruktur',
    children: [
      {
        name: 'Jalan dan Jembatan',
        opd: 'Dinas Pekerjaan Umum dan Penataan Ruang',
        pengaduan: {
          titles: [
            'Jalan rusak parah di {lokasi}',
            'Jalan berlubang membahayakan pengendara',
            'Jembatan penghubung desa {desa} retak',
            'Perbaikan jalan {jalan} tidak kunjung selesai',
          ],
          core: [
            'Jalan di {jalan} {lokasi} rusak parah dan berlubang, sudah {durasi} belum ada perbaikan.',
            'Kondisi jalan poros Desa {desa} sangat memprihatinkan, aspal mengelupas dan lubang sedalam 20 cm.',
            'Jembatan yang menghubungkan Desa {desa} dengan desa tetangga retak dan pagar pengamannya hilang.',
            'Proyek perbaikan {jalan} berhenti di tengah jalan, material dibiarkan menumpuk di bahu jalan.',
          ],
          details: [
            'Sudah banyak pengendara motor yang jatuh terutama malam hari karena tidak ada penerangan.',
            'Kalau hujan lubangnya tergenang air sehingga tidak kelihatan.',
            'Anak-anak sekolah setiap hari melewati jalan tersebut.',
            'Warga sudah pernah menambal dengan swadaya tapi rusak lagi karena dilewati truk bermuatan berat.',
            'Mobil ambulans pun kesulitan lewat.',
          ],
        },
        permintaan_informasi: {
          titles: ['Jadwal perbaikan jalan {jalan}', 'Informasi anggaran perbaikan jalan desa {desa}'],
          core: [
            'Kapan jalan {jalan} di {lokasi} akan diperbaiki? Apakah sudah masuk anggaran tahun ini?',
            'Saya ingin menanyakan status usulan perbaikan jembatan di Desa {desa} yang diajukan lewat musrenbang.',
          ],
        },
        aspirasi: {
          titles: ['Usulan pelebaran jalan {jalan}', 'Usulan pemasangan rambu di {lokasi}'],
          core: [
            'Kami mengusulkan agar {jalan} diperlebar karena volume kendaraan makin padat.',
            'Mohon dipasang rambu dan marka jalan di tikungan dekat Desa {desa} karena sering terjadi kecelakaan.',
          ],
        },
      },
      {
        name: 'Drainase dan Banjir',
        opd: 'Dinas Pekerjaan Umum dan Penataan Ruang',
        pengaduan: {
          titles: ['Saluran air tersumbat di {lokasi}', 'Banjir setiap hujan di {rt} {desa}'],
          core: [
            'Saluran drainase di {jalan} tersumbat sampah dan sedimen, setiap hujan air meluap ke rumah warga.',
            'Setiap hujan deras {rt} Desa {desa} tergenang banjir setinggi lutut.',
          ],
          details: [
            'Genangan baru surut setelah dua hari.',
            'Bau tidak sedap dan banyak nyamuk.',
            'Warga khawatir musim hujan tahun ini lebih parah.',
          ],
        },
        permintaan_informasi: {
          titles: ['Normalisasi sungai di Kec. {kec}'],
          core: ['Apakah ada rencana normalisasi sungai yang melintasi Kec. {kec} tahun ini?'],
        },
        aspirasi: {
          titles: ['Usulan pembangunan talud di {desa}'],
          core: ['Kami mengusulkan pembangunan talud di sepanjang sungai Desa {desa} untuk mencegah longsor.'],
        },
      },
    ],
  },
  {
    name: 'Kependudukan',
    children: [
      {
        name: 'KTP-el dan KK',
        opd: 'Dinas Kependudukan dan Pencatatan Sipil',
        pengaduan: {
          titles: ['KTP-el belum jadi', 'Pelayanan KK lambat', 'Blangko KTP-el kosong'],
          core: [
            'Saya sudah rekam KTP-el {durasi} lalu tapi sampai sekarang belum jadi, setiap ditanyakan jawabannya blangko habis.',
            'Pengurusan perubahan KK di kantor Kecamatan {kec} sangat lambat, sudah bolak-balik tiga kali.',
          ],
          details: [
            'Saya butuh untuk melamar pekerjaan.',
            'KTP-el diperlukan untuk mendaftar BPJS anak saya.',
            'Antrian sudah dari jam 6 pagi tapi pelayanan baru buka jam 9.',
          ],
        },
        permintaan_informasi: {
          titles: ['Syarat pembuatan KTP-el', 'Cara mengurus KK online'],
          core: [
            'Apa saja syarat pembuatan KTP-el untuk pemula yang baru berusia 17 tahun?',
            'Bagaimana cara mengurus perubahan KK secara online, apakah bisa tanpa datang ke Disdukcapil?',
          ],
        },
        aspirasi: {
          titles: ['Usulan layanan jemput bola perekaman KTP-el'],
          core: ['Mohon diadakan layanan jemput bola perekaman KTP-el di desa-desa yang jauh seperti Desa {desa}.'],
        },
      },
      {
        name: 'Akta Kelahiran',
        opd: 'Dinas Kependudukan dan Pencatatan Sipil',
        pengaduan: {
          titles: ['Akta kelahiran anak tidak kunjung terbit'],
          core: ['Pengajuan akta kelahiran anak saya sudah {durasi} belum terbit padahal berkas lengkap.'],
          details: ['Akta diperlukan untuk pendaftaran sekolah.', 'Petugas tidak memberi kepastian.'],
        },
        permintaan_informasi: {
          titles: ['Biaya pembuatan akta kelahiran'],
          core: ['Apakah pembuatan akta kelahiran dipungut biaya? Di desa kami diminta uang administrasi.'],
        },
        aspirasi: {
          titles: ['Usulan akta kelahiran langsung dari puskesmas'],
          core: ['Sebaiknya akta kelahiran bisa langsung diurus dari puskesmas atau rumah sakit tempat melahirkan.'],
        },
      },
    ],
  },
  {
    name: 'Kesehatan',
    children: [
      {
        name: 'Pelayanan Puskesmas dan RSUD',
        opd: 'Dinas Kesehatan',
        pengaduan: {
          titles: ['Pelayanan Puskesmas {kec} kurang ramah', 'Antrian panjang di RSUD', 'Pasien BPJS ditolak'],
          core: [
            'Pelayanan di Puskesmas {kec} kurang ramah, petugas pendaftaran membentak pasien lansia.',
            'Ibu saya pasien BPJS disuruh pulang dengan alasan kamar penuh padahal kondisinya lemas.',
            'Antrian di poli RSUD sangat panjang, dokter baru datang jam 11 siang.',
          ],
          details: [
            'Kejadian tanggal kemarin sekitar jam 10 pagi.',
            'Banyak pasien lain yang mengeluhkan hal yang sama.',
            'Mohon ada pembinaan kepada petugas.',
          ],
        },
        permintaan_informasi: {
          titles: ['Jadwal imunisasi posyandu', 'Prosedur rujukan BPJS'],
          core: [
            'Kapan jadwal imunisasi di posyandu Desa {desa} bulan ini?',
            'Bagaimana prosedur rujukan dari puskesmas ke RSUD untuk peserta BPJS PBI?',
          ],
        },
        aspirasi: {
          titles: ['Usulan puskesmas pembantu di {desa}'],
          core: ['Warga Desa {desa} mengusulkan dibangun puskesmas pembantu karena jarak ke puskesmas induk jauh.'],
        },
      },
    ],
  },
  {
    name: 'Pendidikan',
    children: [
      {
        name: 'Sekolah dan PPDB',
        opd: 'Dinas Pendidikan',
        pengaduan: {
          titles: ['Pungutan di {sekolah}', 'Masalah zonasi PPDB', 'Gedung {sekolah} rusak'],
          core: [
            'Di {sekolah} ada pungutan untuk seragam dan buku yang nilainya memberatkan wali murid.',
            'Anak saya tidak diterima di SMP terdekat padahal rumah kami hanya 500 meter dari sekolah.',
            'Atap ruang kelas {sekolah} bocor dan plafon hampir runtuh.',
          ],
          details: [
            'Wali murid takut protes karena khawatir anaknya dipersulit.',
            'Kegiatan belajar terganggu setiap hujan.',
            'Sudah dilaporkan ke komite sekolah tapi tidak ada tanggapan.',
          ],
        },
        permintaan_informasi: {
          titles: ['Jadwal PPDB tahun ini', 'Informasi beasiswa'],
          core: [
            'Kapan jadwal pendaftaran PPDB SMP negeri tahun ini dan apa syaratnya?',
            'Apakah ada program beasiswa dari Pemkab Blora untuk siswa kurang mampu?',
          ],
        },
        aspirasi: {
          titles: ['Usulan penambahan guru di {sekolah}'],
          core: ['Kami mengusulkan penambahan guru di {sekolah} karena satu guru mengajar dua kelas.'],
        },
      },
    ],
  },
  {
    name: 'Lingkungan Hidup',
    children: [
      {
        name: 'Sampah dan Limbah',
        opd: 'Dinas Lingkungan Hidup',
        pengaduan: {
          titles: ['Sampah menumpuk di {lokasi}', 'Pembuangan limbah ke sungai', 'Pembakaran sampah sembarangan'],
          core: [
            'Sampah menumpuk di pinggir {jalan} dan tidak diangkut sudah {durasi}.',
            'Ada usaha di Desa {desa} yang membuang limbah cair langsung ke sungai, air menjadi hitam dan berbau.',
            'Warga membakar sampah di lahan kosong dekat permukiman {rt} Desa {desa}, asapnya masuk ke rumah.',
          ],
          details: [
            'Baunya menyengat sampai ke rumah warga.',
            'Ikan di sungai banyak yang mati.',
            'Anak-anak jadi batuk-batuk.',
          ],
        },
        permintaan_informasi: {
          titles: ['Jadwal pengangkutan sampah'],
          core: [
            'Bagaimana jadwal pengangkutan sampah di Kelurahan {desa} dan ke mana kami harus melapor jika tidak diangkut?',
          ],
        },
        aspirasi: {
          titles: ['Usulan bank sampah di {desa}'],
          core: ['Kami mengusulkan pendampingan pembentukan bank sampah di Desa {desa}.'],
        },
      },
    ],
  },
  {
    name: 'Sosial',
    children: [
      {
        name: 'Bantuan Sosial',
        opd: 'Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak',
        pengaduan: {
          titles: ['Bansos tidak tepat sasaran', 'BPNT tidak cair', 'Nama hilang dari DTKS'],
          core: [
            'Penyaluran bansos di Desa {desa} tidak tepat sasaran, warga mampu dapat sedangkan janda lansia tidak dapat.',
            'Bantuan BPNT keluarga saya tidak cair {durasi} tanpa penjelasan.',
            'Nama saya hilang dari DTKS padahal sebelumnya terdaftar sebagai penerima PKH.',
          ],
          details: [
            'Sudah ditanyakan ke perangkat desa tapi dilempar ke kecamatan.',
            'Kami keluarga kurang mampu dengan tiga anak.',
            'Mohon dilakukan verifikasi ulang.',
          ],
        },
        permintaan_informasi: {
          titles: ['Cara mendaftar DTKS', 'Cek penerima bansos'],
          core: [
            'Bagaimana cara mendaftar DTKS agar bisa menerima bantuan sosial?',
            'Di mana kami bisa mengecek apakah terdaftar sebagai penerima bansos?',
          ],
        },
        aspirasi: {
          titles: ['Usulan pendataan ulang penerima bansos'],
          core: ['Kami mengusulkan pendataan ulang penerima bansos dengan melibatkan RT dan RW.'],
        },
      },
    ],
  },
  {
    name: 'Ketenteraman dan Ketertiban',
    children: [
      {
        name: 'Ketertiban Umum',
        opd: 'Satuan Polisi Pamong Praja',
        pengaduan: {
          titles: ['PKL menutup trotoar {jalan}', 'Peredaran miras di {lokasi}', 'Balap liar tiap malam minggu'],
          core: [
            'Pedagang kaki lima di {jalan} menutup trotoar sehingga pejalan kaki harus turun ke jalan.',
            'Ada warung yang menjual minuman keras secara bebas di {lokasi}.',
            'Setiap malam minggu ada balap liar di {jalan}, sangat mengganggu dan membahayakan.',
          ],
          details: [
            'Sudah berlangsung lama.',
            'Warga resah tapi takut menegur.',
            'Biasanya mulai jam 11 malam sampai subuh.',
          ],
        },
        permintaan_informasi: {
          titles: ['Aturan jam operasional tempat hiburan'],
          core: ['Apa peraturan daerah yang mengatur jam operasional tempat karaoke di Blora?'],
        },
        aspirasi: {
          titles: ['Usulan penataan PKL'],
          core: ['Kami mengusulkan relokasi PKL ke lokasi khusus agar trotoar kembali berfungsi.'],
        },
      },
    ],
  },
  {
    name: 'Perhubungan',
    children: [
      {
        name: 'Penerangan Jalan Umum',
        opd: 'Dinas Perhubungan',
        pengaduan: {
          titles: ['Lampu PJU mati di {jalan}', 'PJU padam {durasi}'],
          core: [
            'Lampu penerangan jalan umum di {jalan} {lokasi} mati sudah {durasi}.',
            'Sepanjang jalan dari Desa {desa} ke pusat kecamatan gelap gulita karena PJU padam.',
          ],
          details: ['Rawan kejahatan dan kecelakaan.', 'Sudah pernah dilaporkan ke desa.'],
        },
        permintaan_informasi: {
          titles: ['Prosedur pengajuan PJU baru'],
          core: ['Bagaimana prosedur mengajukan pemasangan lampu PJU baru di jalan desa?'],
        },
        aspirasi: {
          titles: ['Usulan PJU tenaga surya'],
          core: ['Mohon dipertimbangkan pemasangan PJU tenaga surya di jalan poros Desa {desa}.'],
        },
      },
    ],
  },
  {
    name: 'Pertanian',
    children: [
      {
        name: 'Pupuk Bersubsidi',
        opd: 'Dinas Pertanian, Perkebunan, Peternakan dan Perikanan',
        pengaduan: {
          titles: ['Pupuk subsidi langka di {kec}', 'Harga pupuk di atas HET'],
          core: [
            'Pupuk subsidi di kios Desa {desa} langka saat musim tanam.',
            'Kios pupuk di Kec. {kec} menjual pupuk subsidi di atas HET.',
          ],
          details: [
            'Petani terpaksa membeli pupuk nonsubsidi yang mahal.',
            'Kartu tani sudah ada tapi tidak bisa digunakan.',
          ],
        },
        permintaan_informasi: {
          titles: ['Kuota pupuk subsidi'],
          core: ['Berapa kuota pupuk subsidi untuk kelompok tani di Desa {desa} musim ini?'],
        },
        aspirasi: {
          titles: ['Usulan perbaikan irigasi'],
          core: ['Kami petani Desa {desa} mengusulkan perbaikan saluran irigasi tersier.'],
        },
      },
    ],
  },
  {
    name: 'Air Bersih',
    children: [
      {
        name: 'Layanan PDAM',
        opd: 'Perumda Air Minum Tirta Amerta',
        pengaduan: {
          titles: ['Air PDAM tidak mengalir', 'Air PDAM keruh', 'Tagihan air membengkak'],
          core: [
            'Air PDAM di {rt} Kelurahan {desa} tidak mengalir sudah {durasi}.',
            'Air PDAM yang keluar keruh dan berbau.',
            'Tagihan air bulan ini naik tiga kali lipat padahal pemakaian biasa.',
          ],
          details: [
            'Kami terpaksa membeli air galon untuk masak.',
            'Sudah lapor ke kantor cabang tapi belum ada petugas datang.',
          ],
        },
        permintaan_informasi: {
          titles: ['Biaya pasang baru PDAM'],
          core: ['Berapa biaya pemasangan sambungan baru PDAM dan apa syaratnya?'],
        },
        aspirasi: {
          titles: ['Usulan perluasan jaringan PDAM'],
          core: ['Mohon jaringan PDAM diperluas sampai Desa {desa} karena sumur warga kering saat kemarau.'],
        },
      },
    ],
  },
  {
    name: 'Pemerintahan Desa',
    children: [
      {
        name: 'Dana Desa dan Perangkat Desa',
        opd: 'Dinas Pemberdayaan Masyarakat dan Desa',
        pengaduan: {
          titles: ['Penggunaan dana desa {desa} tidak transparan', 'Perangkat desa jarang masuk kantor'],
          core: [
            'Penggunaan dana desa di Desa {desa} tidak transparan, papan informasi APBDes tidak dipasang.',
            'Perangkat Desa {desa} jarang berada di kantor desa sehingga pelayanan surat terhambat.',
          ],
          details: ['Warga yang bertanya malah dimarahi.', 'Mohon dilakukan pemeriksaan oleh inspektorat.'],
        },
        permintaan_informasi: {
          titles: ['Informasi APBDes'],
          core: ['Bagaimana warga bisa mendapatkan salinan APBDes Desa {desa} tahun ini?'],
        },
        aspirasi: {
          titles: ['Usulan pelatihan perangkat desa'],
          core: ['Kami mengusulkan pelatihan pelayanan administrasi bagi perangkat desa.'],
        },
      },
    ],
  },
];
