/** What a failure code means to an operator: what failed, what the bridge does, what to do. */
export interface FailureHelp {
  what: string;
  bridge: string;
  operator: string;
}

/** The sync-logs page, the stale banner and the source alerts. */
export const syncId = {
  title: 'Log sinkronisasi',
  sourcesHeading: 'Keadaan sumber',
  runsHeading: 'Penarikan terakhir',
  noSources: 'Belum ada sumber yang dikonfigurasi.',
  disabled: 'nonaktif',
  noRuns: 'Belum ada penarikan yang tercatat.',
  states: { idle: 'siap', polling: 'sedang menarik', failing: 'bermasalah' } as Record<string, string>,
  outcomes: {
    done: 'selesai',
    interrupted: 'terhenti',
    failed: 'gagal',
    skipped: 'dilewati',
    limited: 'dibatasi',
  } as Record<string, string>,
  lanes: {
    live: 'rutin',
    backfill: 'riwayat (backfill)',
    import: 'impor berkas',
    reconcile: 'rekonsiliasi',
  } as Record<string, string>,
  sourceColumns: {
    source: 'Sumber',
    state: 'Keadaan',
    lastSuccess: 'Terakhir berhasil',
    items: 'Rekaman terakhir',
    failures: 'Gagal beruntun',
    failingSince: 'Bermasalah sejak',
    lastError: 'Galat terakhir',
    cursor: 'Penarikan berikutnya sejak',
  },
  runColumns: {
    source: 'Sumber',
    lane: 'Jalur',
    slot: 'Slot',
    started: 'Mulai',
    finished: 'Selesai',
    pages: 'Halaman',
    fetched: 'Diambil',
    created: 'Baru',
    updated: 'Diperbarui',
    unchanged: 'Tetap',
    quarantined: 'Karantina',
    pushed: 'Terkirim ke sumber',
    failed: 'Gagal kirim',
    outcome: 'Hasil',
    error: 'Galat',
  },
  filter: { source: 'Sumber', allSources: 'Semua sumber', limit: 'Jumlah', show: 'Tampilkan' },
  syncNow: 'Sinkronkan sekarang',
  queued: (source: string) => `Penarikan ${source} diantrekan; hasilnya muncul di bawah setelah selesai.`,
  alreadyQueued: (source: string) => `Penarikan ${source} untuk menit ini sudah ada di antrean.`,
  unknownSource: (source: string) => `Sumber "${source}" tidak dikonfigurasi atau nonaktif.`,
  stale: (source: string, since: string, times: string) =>
    `Data ${source} mungkin usang: tidak ada sinkronisasi berhasil sejak ${since} (lebih dari ${times}× jadwalnya). Aduan baru dari sumber ini belum masuk ke rekap.`,
  staleNever: (source: string) =>
    `Data ${source} mungkin usang: sumber ini belum pernah berhasil disinkronkan. Aduan dari sumber ini belum masuk ke rekap.`,
  helpHeading: (source: string) => `Mengapa ${source} bermasalah`,
  helpWhat: 'Yang terjadi',
  helpBridge: 'Yang dilakukan bridge',
  helpOperator: 'Yang dapat Anda lakukan',
  notes: {
    runs: 'Tiap baris adalah satu penarikan data dari sebuah sumber; yang terbaru di atas. Jalur “rutin” mengikuti jadwal, “riwayat” adalah impor data lama.',
    counts:
      'Diambil: rekaman yang dikirim sumber. Baru / diperbarui: aduan yang karenanya dibuat / diubah di ledger (dihitung saat diproses, bisa bertambah sesaat setelah penarikan selesai). Tetap: sudah ada tanpa perubahan. Karantina: gagal validasi, disimpan beserta alasannya (lapor-bridge quarantine list).',
    pushes:
      'Terkirim ke sumber / gagal kirim: tulisan bridge ke sistem ini (aduan yang diteruskan, jawaban yang disetujui, nomor pelacakan, status) sejak penarikan sebelumnya dari sumber ini selesai, yang diterima / gagal (ditolak, atau dicoba lagi sesuai jadwal kirim; tiap percobaan dihitung). Yang terkirim setelah penarikan terbaru muncul di penarikan berikutnya.',
    failing:
      'Sumber ditandai bermasalah setelah beberapa kali gagal berturut-turut (pipeline.failingAfter); sumber lain tetap berjalan.',
  },
  help: {
    AUTH: {
      what: 'Sumber menolak kredensial bridge (token, kata sandi atau kunci API salah, kedaluwarsa, atau dicabut).',
      bridge: 'Bridge tetap mencoba sesuai jadwal, tetapi tidak ada data baru sampai kredensial diterima.',
      operator:
        'Periksa variabel lingkungan yang dipakai sumber ini (lapor-bridge validate-config menyebutnya), minta kredensial baru ke pengelola sistem itu, lalu jalankan lapor-bridge check NAMA_SUMBER.',
    },
    TRANSIENT: {
      what: 'Sumber tidak menjawab atau menjawab dengan galat server (jaringan putus, batas waktu habis, 5xx).',
      bridge:
        'Bridge mencoba lagi pada jadwal berikutnya dan melanjutkan dari posisi terakhir; tidak ada data yang hilang.',
      operator:
        'Biasanya pulih sendiri. Bila berlangsung berjam-jam, periksa koneksi server ke sumber dan tanyakan ke pengelola sistem itu apakah sedang gangguan.',
    },
    RATE_LIMITED: {
      what: 'Sumber membatasi jumlah permintaan (429) dan meminta bridge menunggu.',
      bridge: 'Bridge menunggu selama yang diminta sumber lalu melanjutkan.',
      operator:
        'Bila terus terjadi, jarangkan jadwal sumber (sources.NAMA.schedule) atau kecilkan batas per penarikan.',
    },
    CURSOR_INVALID: {
      what: 'Sumber tidak lagi mengenali posisi baca yang disimpan bridge.',
      bridge: 'Bridge tidak memajukan posisi; penarikan berikutnya mencoba lagi dari posisi yang sama.',
      operator:
        'Jalankan lapor-bridge check NAMA_SUMBER; bila posisinya memang tidak berlaku lagi, baca ulang riwayat dengan lapor-bridge backfill --source NAMA --since TANGGAL.',
    },
    INVALID_PAYLOAD: {
      what: 'Jawaban sumber tidak sesuai bentuk yang diharapkan (format berubah atau rusak).',
      bridge: 'Rekaman yang tidak valid disimpan di karantina beserta alasannya; yang lain tetap diproses.',
      operator:
        'Lihat lapor-bridge quarantine list; bila sumber mengubah formatnya, perbarui pemetaan di konfigurasi lalu jalankan lapor-bridge quarantine replay --all.',
    },
    NOT_FOUND: {
      what: 'Alamat yang dipanggil bridge tidak ada di sumber (404).',
      bridge: 'Bridge tetap mencoba sesuai jadwal.',
      operator: 'Periksa baseUrl dan jalur sumber di konfigurasi, lalu jalankan lapor-bridge check NAMA_SUMBER.',
    },
    NOT_YET: {
      what: 'Sumber belum siap memberi data yang diminta.',
      bridge: 'Bridge mencoba lagi pada penarikan berikutnya.',
      operator: 'Tidak perlu tindakan kecuali berlangsung lama.',
    },
    CONFLICT: {
      what: 'Sumber menolak permintaan karena keadaannya bertentangan (409).',
      bridge: 'Bridge mencoba lagi pada jadwal berikutnya.',
      operator: 'Jalankan lapor-bridge check NAMA_SUMBER dan periksa log daemon untuk pesan sumber.',
    },
    REDIRECTED: {
      what: 'Sumber mengalihkan permintaan ke alamat lain (3xx) dengan cara yang akan membuang isi permintaan; alamat di konfigurasi bukan lagi tempat API-nya menjawab.',
      bridge:
        'Bridge tidak mengikuti pengalihan itu dan tidak menganggap kiriman berhasil; kiriman yang gagal masuk daftar gagal (lapor-bridge dlq list).',
      operator:
        'Ubah baseUrl sumber ini ke alamat yang disebut pesan galat (misalnya https:// alih-alih http://), jalankan lapor-bridge check NAMA_SUMBER, lalu kirim ulang dengan lapor-bridge dlq retry KUNCI.',
    },
    INTERNAL: {
      what: 'Kesalahan di sisi bridge sendiri (misalnya Redis tidak terjangkau atau kesalahan program).',
      bridge: 'Bridge mencoba lagi pada jadwal berikutnya.',
      operator: 'Periksa log daemon (pesan "source is failing") dan /readyz; bila Redis mati, nyalakan kembali.',
    },
  } as Record<string, FailureHelp>,
};

export const syncEn: typeof syncId = {
  title: 'Sync logs',
  sourcesHeading: 'Sources',
  runsHeading: 'Latest sync runs',
  noSources: 'No source is configured yet.',
  disabled: 'disabled',
  noRuns: 'No sync run recorded yet.',
  states: { idle: 'ready', polling: 'polling', failing: 'failing' },
  outcomes: { done: 'done', interrupted: 'interrupted', failed: 'failed', skipped: 'skipped', limited: 'limited' },
  lanes: { live: 'scheduled', backfill: 'history (backfill)', import: 'file import', reconcile: 'reconciliation' },
  sourceColumns: {
    source: 'Source',
    state: 'State',
    lastSuccess: 'Last success',
    items: 'Records last run',
    failures: 'Failures in a row',
    failingSince: 'Failing since',
    lastError: 'Last error',
    cursor: 'Next pull from',
  },
  runColumns: {
    source: 'Source',
    lane: 'Lane',
    slot: 'Slot',
    started: 'Started',
    finished: 'Finished',
    pages: 'Pages',
    fetched: 'Fetched',
    created: 'New',
    updated: 'Updated',
    unchanged: 'Unchanged',
    quarantined: 'Quarantined',
    pushed: 'Pushed to source',
    failed: 'Push failed',
    outcome: 'Outcome',
    error: 'Error',
  },
  filter: { source: 'Source', allSources: 'All sources', limit: 'Rows', show: 'Show' },
  syncNow: 'Sync now',
  queued: (source: string) => `A poll of ${source} is queued; its run appears below when done.`,
  alreadyQueued: (source: string) => `A poll of ${source} for this minute is already queued.`,
  unknownSource: (source: string) => `Source "${source}" is not configured or is disabled.`,
  stale: (source: string, since: string, times: string) =>
    `${source} data may be stale: no successful sync since ${since} (more than ${times}× its schedule). New complaints from it are not in the rekap yet.`,
  staleNever: (source: string) =>
    `${source} data may be stale: it has never synced successfully. Complaints from it are not in the rekap yet.`,
  helpHeading: (source: string) => `Why ${source} is failing`,
  helpWhat: 'What happened',
  helpBridge: 'What the bridge does',
  helpOperator: 'What you can do',
  notes: {
    runs: 'Each row is one sync run of a source, newest first. The "scheduled" lane follows the schedule, "history" is an import of old data.',
    counts:
      'Fetched: records the source sent. New / updated: complaints created / changed in the ledger by them (counted at ingest, so they may grow shortly after the run). Unchanged: already held as they were. Quarantined: failed validation, kept with the reason (lapor-bridge quarantine list).',
    pushes:
      'Pushed to source / push failed: the bridge’s writes to this system (forwarded complaints, approved answers, tracking numbers, statuses) since the previous run of this source ended, accepted / failed (refused, or retried on the push schedule; every attempt counts). Writes after the newest run appear with the next one.',
    failing: 'A source is marked failing after several failures in a row (pipeline.failingAfter); other sources go on.',
  },
  help: {
    AUTH: {
      what: 'The source refuses the bridge’s credentials (token, password or API key wrong, expired or revoked).',
      bridge: 'The bridge keeps trying on schedule, but no new data comes until the credentials are accepted.',
      operator:
        'Check the environment variables this source uses (lapor-bridge validate-config names them), ask that system’s operator for new credentials, then run lapor-bridge check SOURCE.',
    },
    TRANSIENT: {
      what: 'The source does not answer or answers with a server error (network down, timeout, 5xx).',
      bridge: 'The bridge tries again at the next tick and resumes from the saved position; nothing is lost.',
      operator:
        'Usually recovers by itself. If it lasts hours, check the server’s connection to the source and ask its operator about an outage.',
    },
    RATE_LIMITED: {
      what: 'The source limits the number of requests (429) and asks the bridge to wait.',
      bridge: 'The bridge waits as long as the source asks, then goes on.',
      operator: 'If it keeps happening, poll less often (sources.NAME.schedule) or lower the per-poll limits.',
    },
    CURSOR_INVALID: {
      what: 'The source no longer recognises the reading position the bridge saved.',
      bridge: 'The bridge does not move the position; the next poll tries the same position again.',
      operator:
        'Run lapor-bridge check SOURCE; if the position is no longer valid, read the history again with lapor-bridge backfill --source NAME --since DATE.',
    },
    INVALID_PAYLOAD: {
      what: 'The source’s answer does not have the expected shape (format changed or broken).',
      bridge: 'Invalid records are kept in quarantine with the reason; the others are processed.',
      operator:
        'See lapor-bridge quarantine list; if the source changed its format, update the mapping in the configuration, then run lapor-bridge quarantine replay --all.',
    },
    NOT_FOUND: {
      what: 'The address the bridge calls does not exist at the source (404).',
      bridge: 'The bridge keeps trying on schedule.',
      operator: 'Check the source’s baseUrl and paths in the configuration, then run lapor-bridge check SOURCE.',
    },
    NOT_YET: {
      what: 'The source is not ready to give the data asked for.',
      bridge: 'The bridge tries again at the next poll.',
      operator: 'Nothing to do unless it lasts.',
    },
    CONFLICT: {
      what: 'The source refuses the request because of a conflicting state (409).',
      bridge: 'The bridge tries again at the next tick.',
      operator: 'Run lapor-bridge check SOURCE and read the daemon log for the source’s message.',
    },
    REDIRECTED: {
      what: 'The source redirects requests elsewhere (3xx) in a way that would drop their body: the configured address is no longer where its API answers.',
      bridge:
        'The bridge does not follow that redirect and does not count the write as sent; failed writes wait in the dead-letter list (lapor-bridge dlq list).',
      operator:
        'Set this source’s baseUrl to the address the error names (https:// instead of http://, say), run lapor-bridge check SOURCE, then resend with lapor-bridge dlq retry KEY.',
    },
    INTERNAL: {
      what: 'A fault in the bridge itself (for example Redis unreachable, or a bug).',
      bridge: 'The bridge tries again at the next tick.',
      operator: 'Read the daemon log (message "source is failing") and /readyz; if Redis is down, start it again.',
    },
  },
};
