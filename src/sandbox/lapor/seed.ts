import type { ComplaintFacts } from '../shared/generate.js';
import type { Random } from '../shared/random.js';
import { OTHER_INSTANSI } from './instansi.js';
import { applyAction, applyFollowUp, type ActionInput } from './lifecycle.js';
import { wholeSecond, type Report } from './model.js';
import { FACT_TO_LABEL, type LaporWorld } from './world.js';

/** Where a seeded report's history is headed; the clock may stop it earlier. */
const OUTCOMES = [
  ['unverified', 7],
  ['elsewhere', 5],
  ['terdisposisi', 16],
  ['diproses', 12],
  ['tunda', 4],
  ['bukan_wewenang', 8],
  ['ditindaklanjuti', 18],
  ['selesai', 22],
  ['balasan', 3],
  ['diarsipkan', 5],
] as const;
type Outcome = (typeof OUTCOMES)[number][0];

const FOLLOW_UPS: Readonly<Record<ComplaintFacts['classification'], readonly string[]>> = {
  pengaduan: [
    'Terima kasih atas laporan Saudara. Tim {unit} telah melakukan pengecekan ke lokasi dan permasalahan akan ditangani sesuai ketentuan.',
    'Laporan sudah kami teruskan ke bidang terkait dan dijadwalkan penanganan minggu depan. Terima kasih.',
    'Permasalahan sudah ditangani. Mohon dikonfirmasi apabila masih terdapat kendala.',
    'Terima kasih, laporan telah kami koordinasikan dengan pemerintah desa setempat untuk ditindaklanjuti.',
  ],
  permintaan_informasi: [
    'Terima kasih atas pertanyaannya. Informasi dapat diperoleh di kantor {unit} pada jam kerja atau melalui laman resmi Pemerintah Kabupaten Blora.',
    'Persyaratan dan jadwal sudah kami sampaikan melalui laman resmi {unit}. Silakan menghubungi layanan informasi kami bila ada yang kurang jelas.',
  ],
  aspirasi: [
    'Terima kasih atas usulannya. Usulan Saudara kami tampung sebagai bahan perencanaan tahun anggaran berikutnya.',
    'Usulan telah kami catat dan akan dibahas dalam musrenbang kecamatan.',
  ],
};

function bodyFor(facts: ComplaintFacts): string {
  if (facts.channel === 'sms') return facts.text.sms;
  if (facts.channel === 'twitter') return `@lapor1708 ${facts.text.sms}`.slice(0, 280);
  return facts.text.html;
}

/** A report as it arrives, before anyone acted on it. */
export function reportFromFacts(world: LaporWorld, facts: ComplaintFacts, random: Random): Report {
  const at = wholeSecond(facts.reportedAt.getTime());
  const trackingId = world.nextTrackingId();
  const attachments = random.chance(0.3)
    ? Array.from({ length: random.int(1, 3) }, (_, n) => `/files/lampiran/${trackingId}-${n + 1}.jpg`)
    : [];
  const report: Report = {
    trackingId,
    title: facts.title,
    body: bodyFor(facts),
    classification: FACT_TO_LABEL[facts.classification],
    channel: facts.channel,
    anonim: facts.anonim,
    rahasia: facts.rahasia,
    reporter: {
      name: facts.reporter.name,
      phone: facts.reporter.phone,
      nik: facts.reporter.nik,
      ...(facts.reporter.email ? { email: facts.reporter.email } : {}),
    },
    attachments,
    status: 'belum diverifikasi',
    createdAt: at,
    lastActivityAt: at,
    supports: random.int(0, 3) === 0 ? random.int(1, 40) : 0,
    timeline: [],
  };
  const topicId = world.topicIdOf(facts.category.sub);
  if (topicId) report.topicId = topicId;
  if (facts.channel !== 'sms' || random.chance(0.3))
    report.location = `${facts.place.kelurahan ? 'Kel.' : 'Desa'} ${facts.place.desa}, Kec. ${facts.place.kecamatan}, Kab. ${facts.place.kabupaten}`;
  return report;
}

/**
 * Plays a plausible history onto a fresh report: each step some hours after the last,
 * never past the sandbox's "now", so a report's status always matches its timeline.
 */
export function playHistory(world: LaporWorld, report: Report, facts: ComplaintFacts, random: Random): void {
  const now = world.now();
  const outcome: Outcome = random.weighted(OUTCOMES);
  let at = report.createdAt;
  const later = (minHours: number, maxHours: number): boolean => {
    at = wholeSecond(at + random.int(minHours * 60, maxHours * 60) * 60_000);
    return at < now - 60_000;
  };
  const act = (input: ActionInput): void =>
    applyAction(report, input, at, world.timelineIds, (id) => world.instansiName(id));
  const followUp = (): void => {
    const text = random.pick(FOLLOW_UPS[facts.classification]).replace('{unit}', report.unit ?? facts.opd);
    applyFollowUp(report, { text, by: `Admin ${report.unit ?? world.own.name}` }, at, world.timelineIds);
  };
  const other = () => random.pick(OTHER_INSTANSI);

  if (outcome === 'unverified' || !later(1, 30)) return;
  act({ action: 'verifikasi' });
  if (!later(1, 48)) return;
  act({ action: 'disposisi', instansi: outcome === 'elsewhere' ? other() : world.own });
  if (outcome === 'elsewhere' || outcome === 'terdisposisi') return;
  if (outcome === 'diarsipkan') {
    if (later(2, 72))
      act({
        action: 'arsip',
        note: random.pick([
          'Laporan diarsipkan: isi laporan tidak jelas dan pelapor tidak dapat dihubungi',
          'Laporan diarsipkan: duplikasi laporan sebelumnya',
        ]),
      });
    return;
  }
  if (outcome === 'bukan_wewenang') {
    const target = other();
    if (!later(2, 72)) return;
    act({ action: 'bukan_wewenang', note: `Bukan kewenangan ${world.own.name}, merupakan kewenangan ${target.name}` });
    const next = random.next();
    if (next < 0.4 && later(4, 72)) act({ action: 'disposisi', instansi: target });
    else if (next < 0.55 && later(4, 72)) act({ action: 'disposisi', instansi: world.own });
    return;
  }
  if (!later(2, 48)) return;
  act({ action: 'proses', unit: facts.opd });
  if (outcome === 'diproses') return;
  if (outcome === 'tunda') {
    if (later(2, 48)) act({ action: 'tunda' });
    return;
  }
  if (!later(4, 96)) return;
  followUp();
  if (random.chance(0.2) && later(1, 24))
    act({
      action: 'komentar',
      note: random.pick(['Terima kasih atas tanggapannya.', 'Mohon segera direalisasikan.', 'Kapan dikerjakan?']),
    });
  if (outcome === 'balasan') {
    if (!later(4, 48)) return;
    act({ action: 'balasan_pelapor' });
    if (later(4, 96)) followUp();
    return;
  }
  if (outcome === 'selesai' && random.chance(0.3) && later(4, 96)) act({ action: 'selesai' });
  // Other answered reports close by themselves once their 10 working days are over (world.tick).
}
