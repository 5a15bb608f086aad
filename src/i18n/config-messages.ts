/**
 * What a configuration error says (`lapor-bridge validate-config`, the daemon's start): for
 * each problem the key, what is wrong and the fix, Indonesian first. The `config` part of
 * the catalogue (messages.ts).
 */
export const configId = {
  header: (n: number) => `konfigurasi punya ${n} masalah:`,
  fix: 'perbaiki',
  from: (origin: string) => `dari ${origin}`,
  unknownTimeZone: (zone: string) => `zona waktu "${zone}" tidak dikenal`,
  daylightSaving: (zone: string) =>
    `zona waktu "${zone}" memakai waktu musim panas; hari kerja butuh zona dengan selisih UTC tetap`,
  timeZoneHint: (guess: string | undefined) =>
    `${guess ? `maksudnya "${guess}"? ` : ''}tulis nama zona IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)`,
  file: {
    cannotRead: (file: string, code: string) => `${file} tidak bisa dibaca (${code})`,
    cannotReadHint: 'periksa path yang diberikan lewat --config atau LAPOR_BRIDGE_CONFIG',
    yamlHint: 'perbaiki sintaks YAML di baris itu (indentasi, tanda kutip, ":" yang hilang)',
    aliases: (file: string, error: string, max: number) => `${file}: ${error} (lebih dari ${max} perluasan alias)`,
    aliasesHint: (max: number) => `tulis nilai yang berulang apa adanya, atau pakai paling banyak ${max} alias (*nama)`,
    notMapping: (file: string, found: string) =>
      `${file} harus berisi pemetaan kunci, ditemukan ${found === 'list' ? 'sebuah daftar' : found}`,
    notMappingHint: 'mulai berkas dengan kunci tingkat atas seperti "http:"',
  },
  unknownKey: 'kunci tidak dikenal',
  missingKey: 'wajib diisi, belum ada',
  secretInFile: (key: string) =>
    `rahasia tidak pernah dibaca dari berkas konfigurasi: hapus "${key}" dan isi variabel lingkungan yang disebut di README`,
  knownHere: (keys: readonly string[]) => (keys.length > 0 ? ` (kunci yang dikenal di sini: ${keys.join(', ')})` : ''),
  renameKey: (guess: string, known: string) => `maksudnya "${guess}"? hapus atau ganti namanya${known}`,
  removeKey: (known: string) => `hapus${known}`,
  hintsByPath: {
    'redis.url': 'pakai URL seperti redis://127.0.0.1:6379, atau isi REDIS_URL',
    'http.port': 'pilih port TCP yang bebas 1-65535 (0 memilih acak), atau isi LAPOR_BRIDGE_HTTP_PORT',
    'logging.level': 'pakai salah satu dari fatal, error, warn, info, debug, trace, silent, atau isi LOG_LEVEL',
    'instance.timezone': 'pakai nama zona IANA seperti Asia/Jakarta',
  } as Readonly<Record<string, string>>,
  addKey: (path: string, expected: string) => `tambahkan "${path}" (${expected})`,
  setType: (path: string, expected: string) => `isi "${path}" dengan ${expected}`,
  oneOf: (values: string) => `pakai salah satu dari: ${values}`,
  inRange: (path: string) => `pilih nilai dalam rentang yang diizinkan untuk "${path}"`,
  asDescribed: (path: string) => `perbaiki "${path}" seperti yang dijelaskan`,
  /** The fix of a kind of value, named by a schema's refinement (`said(…, fix)`) or by zod's own format check. */
  fixes: {
    cron: 'tulis lima bagian dipisah spasi, menit jam tanggal bulan hari: "*/5 * * * *" tiap 5 menit, "30 1 * * *" pukul 01.30 setiap hari',
    url: 'tulis alamat lengkap dengan skemanya, mis. https://sistem.kab.go.id/api',
    email: 'tulis alamat surel, mis. admin@kab.go.id',
  },
  secretMissing: (variable: string) => `butuh rahasia ${variable}, yang belum diisi`,
  secretMissingHint: (variable: string, source: string) =>
    `export ${variable}=... di lingkungan daemon, atau isi sources.${source}.enabled dengan false`,
  notASource: (name: string) => `menyebut "${name}", yang bukan sumber yang dikonfigurasi`,
  useOneOf: (names: readonly string[]) => `pakai salah satu: ${names.join(', ') || '(belum ada sumber)'}`,
  dashboardExposed: (host: string) =>
    `dasbor akan mendengarkan di alamat non-loopback ${host} dengan kata sandi sekali pakai yang dibuat otomatis`,
  dashboardExposedHint: (variable: string) =>
    `isi ${variable} (dan dashboard.username), atau isi http.host dengan 127.0.0.1, atau dashboard.enabled dengan false`,
  passwordShort: 'kata sandi dasbor kurang dari 12 karakter',
  passwordShortHint: 'pakai kata sandi acak yang panjang, mis. dari `openssl rand -base64 24`',
  sandboxOff: (value: string) => `menunjuk ke sandbox bawaan ("${value}") padahal sandbox.enabled bernilai false`,
  sandboxOffHint: (path: string) =>
    `isi ${path} dengan URL sistem yang sebenarnya (https://…), atau isi sandbox.enabled dengan true untuk demo`,
  sandboxUnknown: (name: string) => `menyebut sandbox "${name}", yang tidak dikonfigurasi di bawah sandbox`,
  opdNotInDirectory: (code: string) => `OPD "${code}" tidak ada di direktori OPD`,
  opdCodeHint: 'pakai kode unit dari opd.directory (lapor-bridge opd list)',
  channelNotASource: (channel: string) => `kanal "${channel}" bukan sumber yang dikonfigurasi`,
  approvalKeyIsName: (key: string, unit: string) =>
    `"${key}" adalah nama ${unit}; kunci push.approval.opds adalah kode direktori`,
  writeCode: (code: string) => `tulis kodenya: ${code}`,
  approvalGuess: (name: string, code: string) => `maksudnya ${name}? tulis kodenya: ${code}; `,
  /** Where Redis is (redis.url, redis.cluster, redis.sentinel; src/config/redis-topology.ts). */
  redis: {
    clusterNeedsTag: (prefix: string) =>
      `"${prefix}" tidak punya hash tag {…}: di Redis Cluster kunci ledger tersebar ke banyak slot dan skrip yang menyentuh beberapa kunci sekaligus ditolak (CROSSSLOT)`,
    clusterNeedsTagHint: (example: string) =>
      `apit nama tenant dengan kurung kurawal, mis. "${example}": satu tag per kabupaten (docs/SCALE.md)`,
    clusterDatabase: (db: number) => `Redis Cluster hanya punya database 0, tetapi redis.url menyebut database ${db}`,
    clusterDatabaseHint: (db: number) => `hapus "/${db}" dari redis.url atau REDIS_URL`,
    bothTopologies: 'redis.cluster.nodes dan redis.sentinel.nodes sama-sama diisi',
    bothTopologiesHint:
      'pilih satu: Cluster mencari primary-nya sendiri, Sentinel menjaga satu primary; kosongkan yang lain ([])',
    sentinelName: 'Sentinel butuh nama primary yang dijaganya',
    sentinelNameHint: 'isi redis.sentinel.name dengan nama pada "sentinel monitor <nama> …" di sentinel.conf',
  },
  /** The OPD directory file (opd.directory, src/opd/). */
  directory: {
    unreadable: (file: string, code: string) => `direktori OPD ${file} tidak bisa dibaca (${code})`,
    unreadableHint: 'arahkan opd.directory ke berkas direktori seperti config/opd/blora.yaml',
    unknownKeys: (keys: readonly string[]) => `kunci tidak dikenal ${keys.map((k) => `"${k}"`).join(', ')}`,
    unknownKeysHint:
      'hapus; sebuah unit punya code, name, kind, parent, short, aliases, formerNames, mergedInto, systems',
    shapeHint: 'lihat komentar di awal config/opd/blora.yaml dan docs/OPD.md untuk bentuk sebuah unit',
    codeTwice: (code: string, held: string, other: string) =>
      `kode "${code}" dipakai dua unit ("${held}" dan "${other}")`,
    codeTwiceHint: 'beri setiap unit kodenya sendiri; kode tidak pernah dipakai ulang, juga tidak untuk penggantinya',
    claimedTwice: (key: string, heldCode: string, heldPath: string, code: string) =>
      `"${key}" diklaim dua unit: "${heldCode}" (${heldPath}) dan "${code}"`,
    claimedTwiceHint: (path: string, heldPath: string) =>
      `simpan di satu unit saja; hapus dari ${path} atau dari ${heldPath}`,
    parentMissing: (parent: string, code: string) => `induk "${parent}" dari "${code}" tidak ada di direktori`,
    parentMissingHint: (suggestion: string) =>
      `pakai kode unit yang ada di direktori ini (${suggestion}) atau hapus "parent"`,
    parentCycle: (code: string) => `rantai induk "${code}" kembali ke dirinya sendiri`,
    parentCycleHint: 'arahkan "parent" ke unit atasan; pemda tidak punya induk',
    mergedMissing: (code: string, target: string) =>
      `"${code}" digabung ke unit "${target}" yang tidak ada di direktori`,
    mergedMissingHint: (suggestion: string) => `pakai kode unit yang mengambil alih tugasnya (${suggestion})`,
    mergedCycle: (code: string) => `rantai penggabungan dari "${code}" kembali ke dirinya sendiri`,
    mergedCycleHint: 'gabungkan unit ke unit yang masih ada hari ini',
    near: (codes: readonly string[]) => `maksudnya ${codes.map((c) => `"${c}"`).join(' atau ')}?`,
    seeList: 'lihat `lapor-bridge opd list`',
  },
  /** Problems the schema's own rules find (src/config/schema.ts). */
  schema: {
    redisUrl: 'harus diawali redis:// atau rediss://',
    keyPrefix: 'hanya huruf, angka, ":", "_" atau "-", dengan paling banyak satu hash tag {…} (mis. "{kab-blora}")',
    hostPort: 'tulis host:port, mis. 10.0.0.5:6379',
    cron: 'bukan ekspresi cron yang sah (mis. "15 3 * * *")',
    envName: 'nama variabel lingkungan (A-Z, 0-9, _)',
    smtpHost: 'isi server SMTP (mis. smtp.kab.go.id) atau isi email.enabled dengan false',
    sender: 'isi alamat pengirim (mis. lapor-bridge@kab.go.id)',
    recipients: 'sebutkan paling sedikit satu alamat penerima',
    gatewayUrl: 'isi URL http(s) gateway atau isi webhook.enabled dengan false',
    noChannel:
      'dailySummary atau sourceFailing menyala tetapi tidak ada kanal: nyalakan notify.email atau notify.webhook',
    proposeAboveAutoLink:
      'tidak boleh di atas dedup.autoLink (usulan berada di antara kedua ambang); turunkan dedup.propose atau naikkan dedup.autoLink',
    sourceName: 'nama sumber hanya huruf kecil, angka dan "-"',
    cronEvery: (example: string) => `bukan ekspresi cron yang sah (mis. "${example}")`,
    routeTarget:
      'sebuah aturan merutekan ke "opd" (kode direktori) atau menurut "place: kecamatan", tepat salah satunya',
    routeCondition: 'sebuah aturan butuh syarat: categories, keywords, atau place',
    encoding: 'pengodean yang dikenal iconv-lite, mis. "utf-8" atau "windows-1252", atau "auto"',
    timeZone: 'zona waktu IANA seperti "Asia/Jakarta"',
    slashFirst: 'harus diawali "/"',
    slashFromBase: 'harus diawali "/" (relatif terhadap baseUrl)',
    onlyId: 'hanya ${id} yang boleh dipakai di sini',
    plainKey: 'nama kunci biasa (huruf, angka, _)',
    regex: 'bukan ekspresi reguler yang sah',
    pathOrCombine: 'isi tepat salah satu dari "path" atau "combine"',
    combineInputs: (name: string, inputs: readonly string[]) =>
      `combine "${name}" memakai masukan ${inputs.join(', ')}`,
    queryParam: 'nama parameter query',
    unknownPlaceholder: (name: string, known: readonly string[]) =>
      `placeholder \${${name}} tidak dikenal (yang dikenal di sini: ${known.join(', ')})`,
    modeNeedsLook: (mode: string) => `mode "${mode}" butuh look`,
    createLookNeeds:
      'look pada create butuh matchPath dan itemIdPath (pencarian yang mengabaikan filter tidak boleh lolos sebagai cocok)',
    appendNeedsListPath: 'mode "append" butuh listPath',
    credentialHeader: (name: string) =>
      `"${name}" membawa kredensial: sebutkan variabel lingkungannya di auth.apiKeyHeaders`,
    envNameUpper: 'nama variabel lingkungan dalam HURUF_BESAR_DAN_GARIS_BAWAH',
    headerName: 'nama header HTTP, mis. X-Signature-256',
    offset: 'selisih waktu seperti "+07:00"',
    dotPath: 'harus dot path seperti "user.name" atau "photos.0.url"',
    fieldPath: 'nama field atau dot path seperti "data.items"',
    unitDate: 'tanggal ditulis YYYY-MM-DD',
    unitCode: 'kode hanya huruf kecil, angka dan "-"',
  },
};

export const configEn: typeof configId = {
  header: (n) => `configuration has ${n} ${n === 1 ? 'problem' : 'problems'}:`,
  fix: 'fix',
  from: (origin) => `from ${origin}`,
  unknownTimeZone: (zone) => `unknown time zone "${zone}"`,
  daylightSaving: (zone) =>
    `time zone "${zone}" observes daylight saving; working days need a zone with one fixed UTC offset`,
  timeZoneHint: (guess) =>
    `${guess ? `did you mean "${guess}"? ` : ''}use an IANA zone name: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)`,
  file: {
    cannotRead: (file, code) => `cannot read ${file} (${code})`,
    cannotReadHint: 'check the path given by --config or LAPOR_BRIDGE_CONFIG',
    yamlHint: 'fix the YAML syntax at that line (indentation, quotes, a missing ":")',
    aliases: (file, error, max) => `${file}: ${error} (more than ${max} alias expansions)`,
    aliasesHint: (max) => `write the repeated values out, or use at most ${max} aliases (*name)`,
    notMapping: (file, found) => `${file} must contain a mapping of keys, found ${found === 'list' ? 'a list' : found}`,
    notMappingHint: 'start the file with top-level keys such as "http:"',
  },
  unknownKey: 'unknown key',
  missingKey: 'required, not set',
  secretInFile: (key) =>
    `secrets are never read from config files: remove "${key}" and set the environment variable named in the README`,
  knownHere: (keys) => (keys.length > 0 ? ` (known keys here: ${keys.join(', ')})` : ''),
  renameKey: (guess, known) => `did you mean "${guess}"? remove or rename it${known}`,
  removeKey: (known) => `remove it${known}`,
  hintsByPath: {
    'redis.url': 'use a URL like redis://127.0.0.1:6379, or set REDIS_URL',
    'http.port': 'choose a free TCP port 1-65535 (0 picks a random one), or set LAPOR_BRIDGE_HTTP_PORT',
    'logging.level': 'use one of fatal, error, warn, info, debug, trace, silent, or set LOG_LEVEL',
    'instance.timezone': 'use an IANA zone name such as Asia/Jakarta',
  },
  addKey: (path, expected) => `add "${path}" (${expected})`,
  setType: (path, expected) => `set "${path}" to a ${expected}`,
  oneOf: (values) => `use one of: ${values}`,
  inRange: (path) => `choose a value within the allowed range for "${path}"`,
  asDescribed: (path) => `correct "${path}" as described`,
  fixes: {
    cron: 'write five fields split by spaces, minute hour day month weekday: "*/5 * * * *" every 5 minutes, "30 1 * * *" at 01:30 every day',
    url: 'write the whole address with its scheme, e.g. https://system.example.go.id/api',
    email: 'write an e-mail address, e.g. admin@example.go.id',
  },
  secretMissing: (variable) => `needs the secret ${variable}, which is not set`,
  secretMissingHint: (variable, source) =>
    `export ${variable}=... in the daemon's environment, or set sources.${source}.enabled to false`,
  notASource: (name) => `names "${name}", which is not a configured source`,
  useOneOf: (names) => `use one of: ${names.join(', ') || '(no sources configured)'}`,
  dashboardExposed: (host) =>
    `the dashboard would listen on non-loopback address ${host} with a generated one-time password`,
  dashboardExposedHint: (variable) =>
    `set ${variable} (and dashboard.username), or set http.host to 127.0.0.1, or dashboard.enabled to false`,
  passwordShort: 'dashboard password is shorter than 12 characters',
  passwordShortHint: 'use a long random password, e.g. from `openssl rand -base64 24`',
  sandboxOff: (value) => `points at the embedded sandbox ("${value}") but sandbox.enabled is false`,
  sandboxOffHint: (path) =>
    `set ${path} to the real system's URL (https://…), or set sandbox.enabled to true for a demo`,
  sandboxUnknown: (name) => `names sandbox "${name}", which is not configured under sandbox`,
  opdNotInDirectory: (code) => `OPD "${code}" is not in the OPD directory`,
  opdCodeHint: 'use a unit code from opd.directory (lapor-bridge opd list)',
  channelNotASource: (channel) => `channel "${channel}" is not a configured source`,
  approvalKeyIsName: (key, unit) => `"${key}" is the name of ${unit}; push.approval.opds keys are directory codes`,
  writeCode: (code) => `write its code: ${code}`,
  approvalGuess: (name, code) => `did you mean ${name}? write its code: ${code}; `,
  redis: {
    clusterNeedsTag: (prefix) =>
      `"${prefix}" has no hash tag {…}: in a Redis Cluster the ledger's keys would spread over slots and its scripts, which touch several keys at once, would be refused (CROSSSLOT)`,
    clusterNeedsTagHint: (example) =>
      `wrap the tenant's name in braces, e.g. "${example}": one tag per kabupaten (docs/SCALE.md)`,
    clusterDatabase: (db) => `a Redis Cluster has database 0 only, but redis.url names database ${db}`,
    clusterDatabaseHint: (db) => `remove "/${db}" from redis.url or REDIS_URL`,
    bothTopologies: 'redis.cluster.nodes and redis.sentinel.nodes are both set',
    bothTopologiesHint:
      'keep one: a Cluster finds its primaries itself, Sentinel guards one primary; empty the other ([])',
    sentinelName: 'Sentinel needs the name of the primary it watches',
    sentinelNameHint: 'set redis.sentinel.name to the name in "sentinel monitor <name> …" of sentinel.conf',
  },
  directory: {
    unreadable: (file, code) => `cannot read the OPD directory ${file} (${code})`,
    unreadableHint: 'point opd.directory at a directory file such as config/opd/blora.yaml',
    unknownKeys: (keys) => `unknown ${keys.length === 1 ? 'key' : 'keys'} ${keys.map((k) => `"${k}"`).join(', ')}`,
    unknownKeysHint: 'remove it; a unit has code, name, kind, parent, short, aliases, formerNames, mergedInto, systems',
    shapeHint: 'see the comment at the top of config/opd/blora.yaml and docs/OPD.md for the shape of a unit',
    codeTwice: (code, held, other) => `code "${code}" is used by two units ("${held}" and "${other}")`,
    codeTwiceHint: 'give every unit its own code; a code is never reused, not even for its successor',
    claimedTwice: (key, heldCode, heldPath, code) =>
      `"${key}" is claimed by two units: "${heldCode}" (${heldPath}) and "${code}"`,
    claimedTwiceHint: (path, heldPath) => `keep it in one unit only; remove it from ${path} or from ${heldPath}`,
    parentMissing: (parent, code) => `parent "${parent}" of "${code}" is not in the directory`,
    parentMissingHint: (suggestion) => `use the code of a unit in this directory (${suggestion}) or remove "parent"`,
    parentCycle: (code) => `the parent chain of "${code}" leads back to itself`,
    parentCycleHint: 'point "parent" at the unit above; the pemda has no parent',
    mergedMissing: (code, target) => `"${code}" is merged into unit "${target}", which is not in the directory`,
    mergedMissingHint: (suggestion) => `use the code of the unit that took over its work (${suggestion})`,
    mergedCycle: (code) => `the merge chain from "${code}" leads back to itself`,
    mergedCycleHint: 'merge the unit into one that still exists today',
    near: (codes) => `did you mean ${codes.map((c) => `"${c}"`).join(' or ')}?`,
    seeList: 'see `lapor-bridge opd list`',
  },
  schema: {
    redisUrl: 'must start with redis:// or rediss://',
    keyPrefix: 'letters, digits, ":", "_" or "-" only, with at most one hash tag {…} (e.g. "{kab-blora}")',
    hostPort: 'write host:port, e.g. 10.0.0.5:6379',
    cron: 'not a valid cron expression (e.g. "15 3 * * *")',
    envName: 'an environment variable name (A-Z, 0-9, _)',
    smtpHost: 'set the SMTP server (e.g. smtp.kab.go.id) or set email.enabled to false',
    sender: 'set the sender address (e.g. lapor-bridge@kab.go.id)',
    recipients: 'list at least one recipient address',
    gatewayUrl: 'set an http(s) URL of the gateway or set webhook.enabled to false',
    noChannel: 'dailySummary or sourceFailing is on but no channel is: enable notify.email or notify.webhook',
    proposeAboveAutoLink:
      'must not be above dedup.autoLink (proposals lie between the two thresholds); lower dedup.propose or raise dedup.autoLink',
    sourceName: 'source names are lower-case letters, digits and "-"',
    cronEvery: (example) => `not a valid cron expression (e.g. "${example}")`,
    routeTarget: 'a rule routes either to "opd" (a directory code) or by "place: kecamatan", exactly one of them',
    routeCondition: 'a rule needs a condition: categories, keywords, or place',
    encoding: 'an encoding iconv-lite knows, e.g. "utf-8" or "windows-1252", or "auto"',
    timeZone: 'an IANA time zone such as "Asia/Jakarta"',
    slashFirst: 'must start with "/"',
    slashFromBase: 'must start with "/" (relative to baseUrl)',
    onlyId: 'only ${id} can be used here',
    plainKey: 'a plain key name (letters, digits, _)',
    regex: 'not a valid regular expression',
    pathOrCombine: 'set exactly one of "path" or "combine"',
    combineInputs: (name, inputs) => `combine "${name}" takes inputs ${inputs.join(', ')}`,
    queryParam: 'a query parameter name',
    unknownPlaceholder: (name, known) => `unknown placeholder \${${name}} (known here: ${known.join(', ')})`,
    modeNeedsLook: (mode) => `mode "${mode}" needs a look`,
    createLookNeeds:
      'a create look needs matchPath and itemIdPath (a search that ignores the filter must not pass for a match)',
    appendNeedsListPath: 'mode "append" needs listPath',
    credentialHeader: (name) =>
      `"${name}" carries a credential: name its environment variable under auth.apiKeyHeaders instead`,
    envNameUpper: 'an environment variable name in UPPER_SNAKE_CASE',
    headerName: 'an HTTP header name, e.g. X-Signature-256',
    offset: 'an offset like "+07:00"',
    dotPath: 'must be a dot path such as "user.name" or "photos.0.url"',
    fieldPath: 'a field name or dot path such as "data.items"',
    unitDate: 'expected a date YYYY-MM-DD',
    unitCode: 'a code is lower-case letters, digits and "-"',
  },
};
