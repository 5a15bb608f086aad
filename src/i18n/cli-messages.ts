/**
 * What the operator's commands print: tables' column names, results, refusals and hints. The
 * `cli` part of the catalogue (messages.ts); `lapor-bridge --help` is its `help` part.
 */
/** Why Redis could not be reached or started at daemon start (src/redis/embedded.ts). */
export type RedisDownReason =
  | { kind: 'unreachable' }
  /** Unreachable, and not started here: a daemon with a real source never starts a Redis of its own. */
  | { kind: 'real-sources' }
  | { kind: 'no-binary'; binary: string }
  | { kind: 'no-start'; binary: string }
  | { kind: 'spawn-failed'; message: string };

export const cliId = {
  none: '(tidak ada)',
  status: {
    sources: 'sumber',
    queues: 'antrean',
    source: 'sumber',
    state: 'keadaan',
    lastSuccess: 'terakhir berhasil',
    items: 'rekaman',
    failingSince: 'bermasalah sejak',
    lastError: 'galat terakhir',
    cursor: 'tarik berikutnya sejak',
    queue: 'antrean',
    waiting: 'menunggu',
    active: 'berjalan',
    delayed: 'ditunda',
    failed: 'gagal',
    ledger: (complaints: number, quarantine: number, triage: number, deadLetters: number) =>
      `ledger: ${complaints} aduan · karantina: ${quarantine} · triase: ${triage} · gagal permanen (dlq): ${deadLetters}`,
  },
  validConfig: (files: string) => `konfigurasi valid (${files} < lingkungan)`,
  opd: {
    columns: { code: 'kode', name: 'nama', kind: 'jenis', parent: 'induk', status: 'status' },
    mergedInto: (code: string, on: string) => `digabung ke ${code} (${on})`,
    units: (n: number) => `${n} unit`,
    noUnit: (code: string) => `tidak ada unit "${code}" (lihat lapor-bridge opd list)`,
    checkColumns: { source: 'sumber', value: 'nilai', complaints: 'aduan', knownNow: 'kini dikenal' },
    allKnown: 'semua nilai OPD di ledger dikenal direktori',
    applied: (n: number) => `${n} aduan mendapat kode OPD`,
    runApply: 'jalankan dengan --apply untuk menetapkan kode yang kini dikenal',
    resolvedWhy: (source: string, value: string) => `${source} menyebut ${value}, kini dikenal direktori`,
  },
  triage: {
    columns: {
      complaint: 'aduan',
      number: 'nomor',
      kind: 'jenis',
      source: 'sumber',
      value: 'nilai',
      suggestions: 'saran',
      since: 'sejak',
      reason: 'alasan',
    },
    assigned: (id: string, code: string, name: string, by: string) =>
      `${id}: OPD ${code} (${name}), ditetapkan oleh ${by}`,
    reviewed: (n: number, by: string) => `${n} entri triase ditandai sudah ditinjau oleh ${by}`,
    nothingToReview: (id: string) =>
      `aduan ${id} tidak punya entri triase yang dapat ditandai sudah ditinjau (yang butuh OPD selesai dengan triage assign)`,
  },
  route: {
    notTrained: (reason: string) => `model tidak dilatih: ${reason}`,
    trained: (version: string, examples: number, opds: number, kib: string, seconds: string) =>
      `model ${version}: ${examples} aduan, ${opds} OPD, ${kib} KiB, ${seconds} s`,
    needChannel: (channels: string) => `sebutkan --channel (sumber file-import: ${channels || 'belum ada'})`,
    badDate: '--train-until ditulis YYYY-MM-DD',
    rejected: (n: number) => `${n} baris ditolak pemetaan (lihat lapor-bridge import untuk alasannya)`,
    counts: (c: {
      rows: number;
      train: number;
      test: number;
      notAuthority: number;
      blank: number;
      unknown: number;
      unseen: number;
    }) =>
      `baris: ${c.rows} · dilatih: ${c.train} · dinilai: ${c.test} · dikecualikan: ${c.notAuthority} "bukan wewenang", ${c.blank} tanpa label, ${c.unknown} label tak dikenal direktori · OPD uji yang tak ada di data latih: ${c.unseen}`,
    textOnly: 'teks saja',
    withCategory: 'teks + kategori',
    coverage: (threshold: number) => `cakupan ≥${threshold}`,
    rightInCoverage: 'benar di cakupan',
    perOpd: 'per OPD (teks + kategori):',
    confusionColumns: { truth: 'benar', guessed: 'ditebak', complaints: 'aduan' },
    confusions: 'kekeliruan terbanyak:',
    noConfusions: 'tanpa kekeliruan',
    unknownLabels: 'label tak dikenal direktori (tambahkan sebagai alias):',
    unknownColumns: { label: 'label', rows: 'baris' },
    perOpdColumns: { complaints: 'aduan', precision: 'presisi', recall: 'recall' },
    scoreColumns: { model: 'model', n: 'n' },
  },
  acting: {
    missing: (env: string) =>
      `sebutkan akun yang bertindak: --as NAMA_PENGGUNA atau variabel ${env} (lihat: lapor-bridge users list)`,
    unknown: (name: string) => `tidak ada akun "${name}" (lihat: lapor-bridge users list)`,
    disabled: (name: string) => `akun "${name}" dinonaktifkan (lapor-bridge users disable ${name} --enable)`,
    forbidden: (name: string, role: string) => `akun "${name}" (peran ${role}) tidak boleh melakukan ini`,
    notForComplaint: (name: string, complaint: string) =>
      `akun "${name}" tidak boleh melakukan ini pada aduan ${complaint} (peran atau OPD-nya)`,
  },
  simulatorMissing: (source: string, address: string) =>
    `sumber "${source}" memakai simulator sandbox di ${address}, dan simulator itu tidak berjalan. ` +
    `Dalam mode sandbox simulator berjalan di dalam daemon: jalankan \`npm start\` (atau \`lapor-bridge start\`) ` +
    `di terminal lain, lalu ulangi perintah ini. Tidak ada yang dicatat sebagai galat sumber ini.`,
  sync: {
    done: (source: string, outcome: string, pages: number, records: number, fresh: number, quarantined: number) =>
      `${source}: ${outcome}; ${pages} halaman, ${records} rekaman (${fresh} aduan baru), ${quarantined} dikarantina`,
    outcomes: {
      done: 'selesai',
      limited: 'berhenti di batas penarikan (sisanya di penarikan berikutnya)',
      interrupted: 'dihentikan',
      skipped: 'dilewati (penarikan lain atas sumber ini sedang berjalan)',
    } as Record<string, string>,
    progress: ' {bar} {pages} halaman · {records} rekaman · {invalid} dikarantina',
  },
  backfill: {
    badSince: (value: string) => `--since "${value}" bukan tanggal; tulis YYYY-MM-DD`,
    resuming: (source: string) =>
      `melanjutkan backfill ${source} dari posisi tersimpan (pakai --restart untuk mulai lagi)`,
    done: (source: string, since: string, outcome: string, pages: number, records: number, quarantined: number) =>
      `backfill ${source} sejak ${since}: ${outcome}; ${pages} halaman, ${records} rekaman, ${quarantined} dikarantina`,
  },
  check: {
    nameOne: (known: string) => `sebutkan sumber yang diperiksa (terkonfigurasi: ${known})`,
    noneConfigured: 'belum ada',
    sameKind: (n: number, kind: string, names: string) =>
      `${n} sumber berjenis "${kind}"; sebutkan salah satu: ${names}`,
    unknown: (wanted: string, known: string) =>
      `tidak ada sumber "${wanted}" di konfigurasi (terkonfigurasi: ${known}); tambahkan di sources.${wanted} atau pakai --config`,
    cannotStart: (name: string, why: string) => `sumber "${name}" tidak dapat dimulai: ${why}`,
    checking: (name: string, kind: string, disabled: boolean) =>
      `memeriksa sumber "${name}" (jenis ${kind})${disabled ? ' — catatan: sumber ini dimatikan di konfigurasi' : ''}`,
    ok: 'ok',
    fail: 'GAGAL',
    works: (name: string) => `sumber "${name}" berfungsi`,
    failed: (name: string, failed: number, total: number) =>
      `sumber "${name}": ${failed} dari ${total} pemeriksaan gagal`,
    crashed: (name: string, why: string) => `pemeriksaan "${name}" gagal: ${why}`,
  },
  dlq: {
    columns: {
      key: 'kunci',
      queue: 'antrean',
      code: 'kode',
      attempts: 'percobaan',
      failedAt: 'gagal pada',
      earlier: 'sebelumnya',
      reason: 'alasan',
    },
    requeued: (job: string) => `dikirim ulang sebagai job ${job}`,
    dropped: (key: string) => `${key} dilupakan`,
    unknown: (key: string) => `tidak ada job gagal permanen "${key}"`,
  },
  quarantine: {
    columns: {
      id: 'id',
      source: 'sumber',
      record: 'rekaman',
      stage: 'tahap',
      seen: 'terlihat',
      lastSeen: 'terakhir terlihat',
      reason: 'alasan',
    },
    unknown: (id: string) => `tidak ada rekaman karantina "${id}"`,
    nameOne: 'sebutkan id karantina, atau pakai --all',
    requeued: (id: string, record: string) => `${id}: rekaman ${record} dimasukkan lagi`,
    stillInvalid: (id: string, reason: string) => `${id}: masih tidak valid: ${reason}`,
    summary: (requeued: number, total: number) =>
      `${requeued} dari ${total} dimasukkan lagi ke antrean ingest (daemon yang berjalan memprosesnya)`,
  },
  responses: {
    columns: { id: 'id', complaint: 'aduan', opd: 'opd', by: 'oleh', state: 'keadaan', at: 'waktu', text: 'isi' },
  },
  users: {
    columns: {
      user: 'akun',
      name: 'nama',
      role: 'peran',
      opd: 'opd',
      status: 'status',
      created: 'dibuat',
      label: 'label',
    },
  },
  rekap: {
    dueFormat: (format: string) => `rekap --due menulis --format table atau json, bukan ${format}`,
  },
  options: {
    faultsJson: (example: string) => `--faults harus JSON, mis. '${example}'`,
  },
  cases: {
    columns: {
      complaint: 'aduan',
      source: 'sumber',
      id: 'id',
      reportedAt: 'dilaporkan',
      status: 'status',
      opd: 'opd',
      reporter: 'pelapor',
      text: 'isi',
      proposal: 'usulan',
      kind: 'jenis',
      score: 'skor',
      reasons: 'alasan',
      since: 'sejak',
      answer: 'tanggapan',
      at: 'waktu',
    },
    rahasia: '(rahasia)',
    heading: (id: string, complaints: number, answers: number) =>
      `Kasus ${id}: ${complaints} aduan, ${answers} tanggapan`,
    related: 'Laporan terkait (warga lain, masalah yang sama; dihitung sendiri-sendiri):',
    openProposals: 'Usulan terbuka:',
    answers: 'Tanggapan:',
    noProposals: 'Tidak ada usulan kasus yang menunggu.',
    waiting: (n: number) => `${n} usulan menunggu keputusan (lapor-bridge cases show ID, lalu confirm / reject):`,
    kinds: { duplicate: 'aduan sama', related: 'terkait' } as Record<string, string>,
    confirmed: (id: string, by: string, a: string, b: string) =>
      `Usulan ${id} dikonfirmasi oleh ${by}: ${a} dan ${b} satu kasus; tanggapan dikirim ke semua kanalnya.`,
    rejected: (id: string, by: string, a: string, b: string) =>
      `Usulan ${id} ditolak oleh ${by}: ${a} dan ${b} tetap terpisah.`,
    alreadyOne: (id: string) => `Sudah satu kasus: ${id}.`,
    merged: (from: string, into: string, by: string) => `Kasus ${from} digabung ke ${into} oleh ${by}.`,
    split: (by: string, moved: string, into: string, from: string) =>
      `Dipisah oleh ${by}: ${moved} sekarang kasus ${into} (dari ${from}).`,
  },
  dedupCheck: {
    notJson: (line: number) => `baris ${line}: bukan JSON`,
    badLine: (line: number, why: string) => `baris ${line}: ${why}`,
    notFileImport: (channel: string) => `"${channel}" bukan sumber file-import di konfigurasi`,
    summary: (
      records: number,
      cases: number,
      joined: number,
      proposals: number,
      related: number,
      autoLink: number,
      propose: number,
    ) =>
      `${records} aduan → ${cases} kasus: ${joined} kasus gabungan, ${proposals} usulan untuk operator, ${related} pasangan laporan terkait (ambang: otomatis ${autoLink}, usulan ${propose}).`,
    caseHeading: (n: number) => `Kasus ${n}:`,
    columns: {
      complaint: 'aduan',
      sameAs: 'sama_dengan',
      maybeSameAs: 'mungkin_sama_dengan',
      reportedAt: 'dilaporkan',
      score: 'skor',
      reasons: 'alasan',
    },
    proposals: 'Usulan (perlu keputusan operator):',
    unreadable: (n: number, lines: string) => `${n} baris tidak terbaca:\n${lines}`,
  },
  import: {
    nothingImported: (file: string, rows: number) =>
      `${file}: tidak ada yang diimpor, semua ${rows} baris ditolak; perbaiki pemetaan kanal (columns, dateFormats) atau barisnya, lalu jalankan lagi dengan --restart`,
    complete: (file: string) =>
      `${file}: setiap baris dihitung sekali; menjalankan perintah ini lagi tidak menambah apa pun (--restart membaca berkas lagi)`,
    incomplete: (n: number) =>
      `${n} baris yang diimpor tidak ada di ledger: ingest-nya gagal (lapor-bridge dlq list); setelah diperbaiki, jalankan perintah yang sama lagi untuk memeriksa ulang`,
    interrupted: (row: number) =>
      `dihentikan setelah baris ${row}; jalankan perintah yang sama lagi untuk meneruskan (hitungan sejauh ini di atas)`,
    skipped: 'impor lain ke kanal ini sedang berjalan; tunggu sampai selesai',
    waiting: (channel: string, seconds: number) =>
      `impor ${channel} sebelumnya masih memegang kuncinya (impor yang dimatikan melepasnya dalam ${seconds} s); menunggu`,
    reading: (resumed: boolean, how: string) => `${resumed ? 'melanjutkan' : 'membaca'} ${how}`,
    finishedBefore: (at: string) =>
      `berkas ini sudah diimpor lengkap pada ${at}; hitungan di bawah tetap seperti saat itu (--restart menghitungnya lagi)`,
    rejectsNotWritten: (path: string, why: string) =>
      `baris yang ditolak tidak dapat ditulis ke ${path} (${why}); jalankan lagi dengan --rejects PATH (baris itu juga ada di: lapor-bridge quarantine list)`,
    summary: {
      rows: 'baris dibaca',
      imported: 'diimpor',
      importedNote: 'aduan baru',
      duplicate: 'duplikat',
      duplicateNote: (known: string, repeated: string) =>
        `${known} sudah ada di ledger, ${repeated} berulang di berkas ini (nomor dan isi sama)`,
      sameRow: (row: string, sameAs: string) => `baris ${row} = baris ${sameAs}`,
      more: (n: string) => `, … ${n} lagi`,
      rejected: 'ditolak',
      rejectedNote: (file: string) => `baris, alasan dan selnya di ${file}`,
      otherReasons: (n: number) => `… dan ${n} alasan lain (lihat berkasnya)`,
    },
    noSource: (channel: string, known: string) => `tidak ada sumber "${channel}" (${known})`,
    notFileImport: (channel: string, kind: string, known: string) =>
      `sumber "${channel}" berjenis ${kind}; import membaca berkas ke sumber file-import (${known})`,
    fileImports: (names: string) => `sumber file-import: ${names}`,
    noFileImports:
      'tidak ada sumber berjenis file-import; konfigurasikan satu (kolomnya sekali, di YAML) seperti ditunjukkan README "Historical import"',
    unreadable: (file: string) => `${file} tidak dapat dibaca`,
  },
  start: {
    redisDown: (why: RedisDownReason): string =>
      why.kind === 'unreachable'
        ? 'koneksi ditolak atau habis waktu'
        : why.kind === 'real-sources'
          ? 'koneksi ditolak atau habis waktu; daemon menjalankan Redis sendiri hanya bila semua sumber adalah simulator sandbox'
          : why.kind === 'no-binary'
            ? `tidak ada "${why.binary}" di PATH untuk menjalankannya`
            : why.kind === 'no-start'
              ? `${why.binary} bawaan tidak menyala`
              : why.message,
    redisUnreachable: (url: string, reason: string) =>
      `Redis tidak terjangkau di ${url} (${reason}).\n` +
      'Perbaiki dengan salah satu cara ini:\n' +
      '  - pasang Redis (demo sandbox: daemon menjalankannya sendiri):  apt-get install redis-server\n' +
      '  - jalankan tumpukan bawaan:                                    docker compose up\n' +
      '  - tunjuk Redis yang sudah berjalan:                            REDIS_URL=redis://host:6379 npm start',
    portInUse: (host: string, port: number) =>
      `Port HTTP ${host}:${port} sudah dipakai.\n` +
      `Perbaiki: hentikan proses lain itu (mis. \`ss -ltnp | grep :${port}\`), atau pilih port lain dengan\n` +
      '  LAPOR_BRIDGE_HTTP_PORT=8081 npm start   (atau http.port di berkas konfigurasi Anda)',
  },
  sandbox: {
    cannotStart: (system: string, why: string) => `${system} tidak dapat dimulai: ${why}`,
    laporName: 'sandbox LAPOR',
    regionalName: 'sandbox daerah',
    laporListening: (profile: string, url: string) => `sandbox LAPOR (kontrak ${profile}) mendengarkan di ${url}`,
    tokenWhere: {
      header: 'header X-Lapor-Token',
      bearer: 'Authorization: Bearer',
      keytoken: 'parameter KEYTOKEN',
    } as Record<string, string>,
    reports: (total: number, seed: number, disposed: number) =>
      `${total} laporan dibuat dari benih ${seed}, ${disposed} terdisposisi ke instansi`,
    labels: { instansi: 'instansi', token: 'token', reports: 'laporan' },
    try: 'coba:',
    connector: (token: string) =>
      `konektor: export LAPOR_TOKEN=${token}   (lalu: lapor-bridge --config config/examples/lapor.yaml check lapor)`,
    regionalListening: (url: string, seed: number, count: number) =>
      `sandbox daerah mendengarkan di ${url} (benih ${seed}, ${count} aduan per sistem)`,
    withExports: '(dengan export wa di atas)',
  },
};

export const cliEn: typeof cliId = {
  none: '(none)',
  status: {
    sources: 'sources',
    queues: 'queues',
    source: 'source',
    state: 'state',
    lastSuccess: 'last success',
    items: 'items',
    failingSince: 'failing since',
    lastError: 'last error',
    cursor: 'next pull from',
    queue: 'queue',
    waiting: 'waiting',
    active: 'active',
    delayed: 'delayed',
    failed: 'failed',
    ledger: (complaints, quarantine, triage, deadLetters) =>
      `ledger: ${complaints} complaints · quarantine: ${quarantine} · triage: ${triage} · dead letters: ${deadLetters}`,
  },
  validConfig: (files) => `configuration is valid (${files} < environment)`,
  opd: {
    columns: { code: 'code', name: 'name', kind: 'kind', parent: 'parent', status: 'status' },
    mergedInto: (code, on) => `merged into ${code} (${on})`,
    units: (n) => `${n} units`,
    noUnit: (code) => `no unit "${code}" (see lapor-bridge opd list)`,
    checkColumns: { source: 'source', value: 'value', complaints: 'complaints', knownNow: 'known now' },
    allKnown: 'every OPD value in the ledger is known to the directory',
    applied: (n) => `${n} complaints got their OPD code`,
    runApply: 'run with --apply to set the codes now known',
    resolvedWhy: (source, value) => `${source} names ${value}, now known to the directory`,
  },
  triage: {
    columns: {
      complaint: 'complaint',
      number: 'number',
      kind: 'kind',
      source: 'source',
      value: 'value',
      suggestions: 'suggestions',
      since: 'since',
      reason: 'reason',
    },
    assigned: (id, code, name, by) => `${id}: OPD ${code} (${name}), assigned by ${by}`,
    reviewed: (n, by) => `${n} triage ${n === 1 ? 'entry' : 'entries'} marked reviewed by ${by}`,
    nothingToReview: (id) =>
      `complaint ${id} has no triage entry that can be marked reviewed (those that need an OPD are settled by triage assign)`,
  },
  route: {
    notTrained: (reason) => `model not trained: ${reason}`,
    trained: (version, examples, opds, kib, seconds) =>
      `model ${version}: ${examples} complaints, ${opds} OPDs, ${kib} KiB, ${seconds} s`,
    needChannel: (channels) => `name --channel (file-import sources: ${channels || 'none yet'})`,
    badDate: '--train-until is written YYYY-MM-DD',
    rejected: (n) => `${n} rows refused by the mapping (lapor-bridge import says why)`,
    counts: (c) =>
      `rows: ${c.rows} · trained on: ${c.train} · scored: ${c.test} · left out: ${c.notAuthority} "bukan wewenang", ${c.blank} without a label, ${c.unknown} labels the directory does not know · test OPDs absent from training: ${c.unseen}`,
    textOnly: 'text only',
    withCategory: 'text + category',
    coverage: (threshold) => `coverage ≥${threshold}`,
    rightInCoverage: 'right within coverage',
    perOpd: 'per OPD (text + category):',
    confusionColumns: { truth: 'truth', guessed: 'guessed', complaints: 'complaints' },
    confusions: 'most frequent confusions:',
    noConfusions: 'no confusions',
    unknownLabels: 'labels the directory does not know (add them as aliases):',
    unknownColumns: { label: 'label', rows: 'rows' },
    perOpdColumns: { complaints: 'complaints', precision: 'precision', recall: 'recall' },
    scoreColumns: { model: 'model', n: 'n' },
  },
  acting: {
    missing: (env) => `name the account acting: --as USERNAME or the variable ${env} (see: lapor-bridge users list)`,
    unknown: (name) => `no account "${name}" (see: lapor-bridge users list)`,
    disabled: (name) => `account "${name}" is disabled (lapor-bridge users disable ${name} --enable)`,
    forbidden: (name, role) => `account "${name}" (role ${role}) may not do this`,
    notForComplaint: (name, complaint) =>
      `account "${name}" may not do this to complaint ${complaint} (its role or OPD)`,
  },
  simulatorMissing: (source, address) =>
    `source "${source}" uses the sandbox simulator at ${address}, which is not running. ` +
    `In sandbox mode the simulators run inside the daemon: start it (\`npm start\` or \`lapor-bridge start\`) ` +
    `in another terminal, then run this command again. Nothing was recorded as this source's error.`,
  sync: {
    done: (source, outcome, pages, records, fresh, quarantined) =>
      `${source}: ${outcome}; ${pages} pages, ${records} records (${fresh} new complaints), ${quarantined} quarantined`,
    outcomes: {
      done: 'done',
      limited: 'stopped at the poll limit (the rest comes with the next poll)',
      interrupted: 'interrupted',
      skipped: 'skipped (another poll of this source is running)',
    },
    progress: ' {bar} {pages} pages · {records} records · {invalid} quarantined',
  },
  backfill: {
    badSince: (value) => `--since "${value}" is not a date; use YYYY-MM-DD`,
    resuming: (source) => `resuming the backfill of ${source} from its saved position (use --restart to start again)`,
    done: (source, since, outcome, pages, records, quarantined) =>
      `${source} backfill since ${since}: ${outcome}; ${pages} pages, ${records} records, ${quarantined} quarantined`,
  },
  check: {
    nameOne: (known) => `name the source to check (configured: ${known})`,
    noneConfigured: 'none',
    sameKind: (n, kind, names) => `${n} sources have kind "${kind}"; name one of: ${names}`,
    unknown: (wanted, known) =>
      `no source named "${wanted}" in the configuration (configured: ${known}); add it under sources.${wanted} or pass --config`,
    cannotStart: (name, why) => `source "${name}" cannot start: ${why}`,
    checking: (name, kind, disabled) =>
      `checking source "${name}" (kind ${kind})${disabled ? ' — note: it is disabled in the configuration' : ''}`,
    ok: 'ok',
    fail: 'FAIL',
    works: (name) => `source "${name}" works`,
    failed: (name, failed, total) => `source "${name}": ${failed} of ${total} checks failed`,
    crashed: (name, why) => `the check of "${name}" failed: ${why}`,
  },
  dlq: {
    columns: {
      key: 'key',
      queue: 'queue',
      code: 'code',
      attempts: 'attempts',
      failedAt: 'failed at',
      earlier: 'earlier',
      reason: 'reason',
    },
    requeued: (job) => `requeued as job ${job}`,
    dropped: (key) => `dropped ${key}`,
    unknown: (key) => `no dead letter "${key}"`,
  },
  quarantine: {
    columns: {
      id: 'id',
      source: 'source',
      record: 'record',
      stage: 'stage',
      seen: 'seen',
      lastSeen: 'last seen',
      reason: 'reason',
    },
    unknown: (id) => `no quarantined record "${id}"`,
    nameOne: 'name a quarantine id, or use --all',
    requeued: (id, record) => `${id}: requeued record ${record}`,
    stillInvalid: (id, reason) => `${id}: still invalid: ${reason}`,
    summary: (requeued, total) => `${requeued} of ${total} requeued for ingest (a running daemon ingests them)`,
  },
  responses: {
    columns: { id: 'id', complaint: 'complaint', opd: 'opd', by: 'by', state: 'state', at: 'at', text: 'text' },
  },
  users: {
    columns: {
      user: 'user',
      name: 'name',
      role: 'role',
      opd: 'opd',
      status: 'status',
      created: 'created',
      label: 'label',
    },
  },
  rekap: {
    dueFormat: (format) => `rekap --due prints --format table or json, not ${format}`,
  },
  options: {
    faultsJson: (example) => `--faults must be JSON, e.g. '${example}'`,
  },
  cases: {
    columns: {
      complaint: 'complaint',
      source: 'source',
      id: 'id',
      reportedAt: 'reported',
      status: 'status',
      opd: 'opd',
      reporter: 'reporter',
      text: 'text',
      proposal: 'proposal',
      kind: 'kind',
      score: 'score',
      reasons: 'reasons',
      since: 'since',
      answer: 'answer',
      at: 'at',
    },
    rahasia: '(rahasia)',
    heading: (id, complaints, answers) => `Case ${id}: ${complaints} complaints, ${answers} answers`,
    related: 'Related reports (other citizens, the same problem; each counted on its own):',
    openProposals: 'Open proposals:',
    answers: 'Answers:',
    noProposals: 'No case proposal is waiting.',
    waiting: (n) => `${n} proposals waiting for a decision (lapor-bridge cases show ID, then confirm / reject):`,
    kinds: { duplicate: 'same complaint', related: 'related' },
    confirmed: (id, by, a, b) =>
      `Proposal ${id} confirmed by ${by}: ${a} and ${b} are one case; answers go to all its channels.`,
    rejected: (id, by, a, b) => `Proposal ${id} rejected by ${by}: ${a} and ${b} stay apart.`,
    alreadyOne: (id) => `Already one case: ${id}.`,
    merged: (from, into, by) => `Case ${from} merged into ${into} by ${by}.`,
    split: (by, moved, into, from) => `Split by ${by}: ${moved} now case ${into} (from ${from}).`,
  },
  dedupCheck: {
    notJson: (line) => `line ${line}: not JSON`,
    badLine: (line, why) => `line ${line}: ${why}`,
    notFileImport: (channel) => `"${channel}" is not a file-import source of the configuration`,
    summary: (records, cases, joined, proposals, related, autoLink, propose) =>
      `${records} complaints → ${cases} cases: ${joined} joined cases, ${proposals} proposals for an operator, ${related} pairs of related reports (thresholds: automatic ${autoLink}, proposal ${propose}).`,
    caseHeading: (n) => `Case ${n}:`,
    columns: {
      complaint: 'complaint',
      sameAs: 'same_as',
      maybeSameAs: 'maybe_same_as',
      reportedAt: 'reported',
      score: 'score',
      reasons: 'reasons',
    },
    proposals: "Proposals (an operator's decision needed):",
    unreadable: (n, lines) => `${n} lines not readable:\n${lines}`,
  },
  import: {
    nothingImported: (file, rows) =>
      `${file}: nothing was imported, all ${rows} rows were rejected; fix the channel's mapping (columns, dateFormats) or the rows, then run again with --restart`,
    complete: (file) =>
      `${file}: every row is counted once; running the command again adds nothing (--restart reads the file again)`,
    incomplete: (n) =>
      `${n} imported rows are not in the ledger: their ingest failed (lapor-bridge dlq list); after fixing that, run the same command again to re-check`,
    interrupted: (row) => `interrupted after row ${row}; run the same command again to continue (counts so far above)`,
    skipped: 'another import into this channel is running; wait for it to finish',
    waiting: (channel, seconds) =>
      `an earlier import of ${channel} still holds its lock (a killed one lets go within ${seconds} s); waiting`,
    reading: (resumed, how) => `${resumed ? 'resuming' : 'reading'} ${how}`,
    finishedBefore: (at) =>
      `this file was imported completely on ${at}; the counts below stay as they were (--restart counts it again)`,
    rejectsNotWritten: (path, why) =>
      `could not write the rejected rows to ${path} (${why}); run again with --rejects PATH (they are also in: lapor-bridge quarantine list)`,
    summary: {
      rows: 'rows read',
      imported: 'imported',
      importedNote: 'new complaints',
      duplicate: 'duplicate',
      duplicateNote: (known, repeated) =>
        `${known} already in the ledger, ${repeated} repeated in this file (same number and content)`,
      sameRow: (row, sameAs) => `row ${row} = row ${sameAs}`,
      more: (n) => `, … ${n} more`,
      rejected: 'rejected',
      rejectedNote: (file) => `rows, reasons and cells in ${file}`,
      otherReasons: (n) => `… and ${n} other reasons (see the file)`,
    },
    noSource: (channel, known) => `no source named "${channel}" (${known})`,
    notFileImport: (channel, kind, known) =>
      `source "${channel}" has kind ${kind}; import reads files into a file-import source (${known})`,
    fileImports: (names) => `file-import sources: ${names}`,
    noFileImports:
      'no source has kind file-import; configure one (columns once, in YAML) as README "Historical import" shows',
    unreadable: (file) => `${file} cannot be read`,
  },
  start: {
    redisDown: (why) =>
      why.kind === 'unreachable'
        ? 'connection refused or timed out'
        : why.kind === 'real-sources'
          ? 'connection refused or timed out; the daemon starts a Redis of its own only when every source is a sandbox simulator'
          : why.kind === 'no-binary'
            ? `no "${why.binary}" on PATH to start one`
            : why.kind === 'no-start'
              ? `embedded ${why.binary} did not come up`
              : why.message,
    redisUnreachable: (url, reason) =>
      `Redis is not reachable at ${url} (${reason}).\n` +
      'Fix it one of these ways:\n' +
      '  - install Redis (the sandbox demo starts it for you):  apt-get install redis-server\n' +
      '  - run the bundled stack:                               docker compose up\n' +
      '  - point at a running Redis:                            REDIS_URL=redis://host:6379 npm start',
    portInUse: (host, port) =>
      `HTTP port ${host}:${port} is already in use.\n` +
      `Fix: stop the other process (e.g. \`ss -ltnp | grep :${port}\`), or choose another port with\n` +
      '  LAPOR_BRIDGE_HTTP_PORT=8081 npm start   (or http.port in your config file)',
  },
  sandbox: {
    cannotStart: (system, why) => `the ${system} could not start: ${why}`,
    laporName: 'LAPOR sandbox',
    regionalName: 'regional sandbox',
    laporListening: (profile, url) => `LAPOR sandbox (${profile} contract) listening on ${url}`,
    tokenWhere: { header: 'header X-Lapor-Token', bearer: 'Authorization: Bearer', keytoken: 'KEYTOKEN parameter' },
    reports: (total, seed, disposed) => `${total} seeded from seed ${seed}, ${disposed} disposed to the instansi`,
    labels: { instansi: 'instansi', token: 'token', reports: 'reports' },
    try: 'try:',
    connector: (token) =>
      `connector: export LAPOR_TOKEN=${token}   (then: lapor-bridge --config config/examples/lapor.yaml check lapor)`,
    regionalListening: (url, seed, count) =>
      `regional sandbox listening on ${url} (seed ${seed}, ${count} complaints per system)`,
    withExports: '(with the wa exports above)',
  },
};
