import type { Command } from 'commander';
import { OPD_LABEL, REKAP_COLUMNS, TOTAL_LABEL, UNASSIGNED_LABEL } from '../rekap/columns.js';
import { days, limitDays, periodLabel } from '../rekap/labels.js';
import { periodQuerySchema, resolvePeriod } from '../rekap/period.js';
import { computeRekap } from '../rekap/scan.js';
import { rekapSettings } from '../rekap/settings.js';
import type { Rekap, RekapCounts } from '../rekap/types.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';

function row(name: string, c: RekapCounts): Record<string, unknown> {
  const out: Record<string, unknown> = { [OPD_LABEL]: name };
  for (const { key, label } of REKAP_COLUMNS) out[label] = key === 'medianFirstAnswerWorkingDays' ? days(c[key]) : c[key];
  return out;
}

/** The page's table as text: same columns, same labels, same order. */
export function rekapText(rekap: Rekap, timeZone: string): string {
  const rows = [...rekap.rows.map((r) => row(r.name, r)), row(UNASSIGNED_LABEL, rekap.unassigned), row(TOTAL_LABEL, rekap.total)];
  const { disposeWorkingDays: dispose, followUpWorkingDays: followUp } = rekap.limits;
  const lines = [
    `Rekap aduan per OPD — ${periodLabel(rekap.period)} (${rekap.period.from} s.d. ${rekap.period.to}), sumber: ${rekap.source ?? 'semua'}, dihitung ${shownTime(rekap.at, timeZone)}`,
    '',
    table(rows),
    '',
    `Terlambat: belum dijawab lewat ${limitDays(dispose)} hari kerja tanpa OPD, ${limitDays(dispose + followUp)} hari kerja dengan OPD.`,
  ];
  if (rekap.late.length > 0) {
    const late = rekap.late.map((l) => ({ sumber: l.source, nomor: l.externalId, OPD: l.opd ?? UNASSIGNED_LABEL, dilaporkan: shownTime(l.reportedAt, timeZone), 'hari kerja': `${days(l.workingDaysElapsed)} / ${limitDays(l.limitWorkingDays)}`, judul: l.rahasia ? '(rahasia)' : l.title }));
    lines.push('', 'Aduan terlambat, paling lama menunggu', table(late));
  }
  if (rekap.truncated) lines.push('', `PERHATIAN: berhenti setelah ${rekap.scanned} aduan (rekap.maxComplaints); angka belum lengkap.`);
  if (rekap.unreadable > 0) lines.push('', `${rekap.unreadable} dokumen ledger tidak terbaca dan tidak dihitung.`);
  return lines.join('\n');
}

export function registerRekap(program: Command): void {
  program
    .command('rekap')
    .description('per-OPD recap of a month: complaints, answered, pending, late, median working days to the first answer, bukan wewenang')
    .option('--month <YYYY-MM>', 'month, in the instance time zone (default: this month)')
    .option('-s, --source <name>', 'only complaints of this source')
    .option('--json', 'print the rekap as JSON, as GET /api/rekap answers')
    .action((opts: { month?: string; source?: string; json?: boolean }) => {
      const query = periodQuerySchema.safeParse({ month: opts.month, source: opts.source });
      if (!query.success) {
        complain(`lapor-bridge: ${query.error.issues.map((i) => i.message).join('; ')}`);
        process.exit(EXIT.config);
      }
      return withRuntime(program, async ({ runtime }) => {
        const settings = rekapSettings(runtime.config, runtime.opd);
        const now = runtime.clock.now();
        const rekap = await computeRekap(runtime.store, settings, { period: resolvePeriod(query.data, now, settings.offsetMs), source: query.data.source, now });
        say(opts.json ? JSON.stringify(rekap, null, 2) : rekapText(rekap, settings.timeZone));
      });
    });
}
