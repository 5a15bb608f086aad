/**
 * SMS and chat abbreviations of Indonesian complaint text and the words they stand for.
 * Data, not code: add a line when a channel shows a new habit. Keys are lower-case single
 * tokens as they appear after punctuation is removed; a value may be several words.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  yg: 'yang', yng: 'yang', dg: 'dengan', dgn: 'dengan', dngn: 'dengan', utk: 'untuk', untk: 'untuk', tuk: 'untuk',
  sdh: 'sudah', udh: 'sudah', udah: 'sudah', dah: 'sudah', sudh: 'sudah',
  blm: 'belum', blum: 'belum', lom: 'belum', blom: 'belum',
  tdk: 'tidak', tdak: 'tidak', gak: 'tidak', ga: 'tidak', gk: 'tidak', ngga: 'tidak', nggak: 'tidak', enggak: 'tidak', engga: 'tidak', ngk: 'tidak', tak: 'tidak',
  krn: 'karena', krna: 'karena', karna: 'karena', coz: 'karena',
  jln: 'jalan', jl: 'jalan', jaln: 'jalan', ds: 'desa', dsa: 'desa', kel: 'kelurahan', kec: 'kecamatan', kcmtn: 'kecamatan', kab: 'kabupaten', kbptn: 'kabupaten',
  dr: 'dari', dri: 'dari', sy: 'saya', sya: 'saya', aq: 'saya', aku: 'saya', gw: 'saya', gue: 'saya', kmi: 'kami', kt: 'kita',
  bpk: 'bapak', pak: 'bapak', bp: 'bapak', ibu: 'ibu', bu: 'ibu', bpk2: 'bapak bapak',
  tlg: 'tolong', tlng: 'tolong', mhn: 'mohon', mohn: 'mohon',
  trmksh: 'terima kasih', trimakasih: 'terima kasih', terimakasih: 'terima kasih', makasih: 'terima kasih', mksh: 'terima kasih', mks: 'terima kasih',
  trims: 'terima kasih', tks: 'terima kasih', thx: 'terima kasih', tq: 'terima kasih', ty: 'terima kasih', trmkasih: 'terima kasih', trimksh: 'terima kasih',
  skrg: 'sekarang', skrng: 'sekarang', skg: 'sekarang', bnyk: 'banyak', byk: 'banyak', bgt: 'sangat', banget: 'sangat', sgt: 'sangat',
  jg: 'juga', jga: 'juga', lg: 'lagi', lgi: 'lagi', kl: 'kalau', klo: 'kalau', kalo: 'kalau', klau: 'kalau', sm: 'sama', org: 'orang', orng: 'orang',
  tp: 'tetapi', tpi: 'tetapi', tapi: 'tetapi', hr: 'hari', hri: 'hari', bln: 'bulan', thn: 'tahun', th: 'tahun', mgg: 'minggu', mgu: 'minggu', tgl: 'tanggal',
  dll: 'dan lain lain', dsb: 'dan sebagainya', sdg: 'sedang', lgsg: 'langsung', bs: 'bisa', bsa: 'bisa', hrs: 'harus', msh: 'masih', masi: 'masih', trs: 'terus', trus: 'terus',
  sampe: 'sampai', ampe: 'sampai', dpt: 'dapat', pd: 'pada', dlm: 'dalam', kpd: 'kepada', ttg: 'tentang', spt: 'seperti', kyk: 'seperti', kayak: 'seperti', kyak: 'seperti',
  gmn: 'bagaimana', gmna: 'bagaimana', bgmn: 'bagaimana', gimana: 'bagaimana', knp: 'kenapa', np: 'kenapa', aja: 'saja', aj: 'saja', sj: 'saja', mrk: 'mereka',
  rmh: 'rumah', sklh: 'sekolah', skolah: 'sekolah', pkm: 'puskesmas', pju: 'penerangan jalan umum', dkt: 'dekat', sblm: 'sebelum', stlh: 'setelah', krg: 'kurang', lbh: 'lebih',
  d: 'di', k: 'ke', n: 'dan', dn: 'dan', sbg: 'sebagai', blkg: 'belakang', dpn: 'depan', sbh: 'sebuah', bbrp: 'beberapa', smua: 'semua', sma: 'sama',
  ass: 'assalamualaikum', askum: 'assalamualaikum', asw: 'assalamualaikum', assalamu: 'assalamualaikum', wrwb: 'warahmatullahi wabarakatuh', wr: 'warahmatullahi', wb: 'wabarakatuh',
  min: 'admin', mimin: 'admin', pgn: 'ingin', pengen: 'ingin', pingin: 'ingin', tau: 'tahu', tw: 'tahu', liat: 'lihat', lwt: 'lewat', ato: 'atau', atw: 'atau', utk2: 'untuk',
  prh: 'parah', hub: 'hubungi', rusakk: 'rusak', bolong: 'berlubang', brlubang: 'berlubang', lubang2: 'lubang lubang', wrg: 'warga', warga2: 'warga', prbaikan: 'perbaikan', pmbngnan: 'pembangunan',
};
