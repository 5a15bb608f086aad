import type { Command } from 'commander';
import { CaseError } from '../dedup/cases.js';
import type { CaseView } from '../dedup/desk.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime, type CommandContext } from './with-runtime.js';
import { ACTING_USER_ENV, actingUser } from './acting-user.js';
import { cliText } from './text.js';

/** Deciding about cases is an operator's action (role admin, as over the API), in a named account. */
async function decider(runtime: CommandContext['runtime'], asked: string | undefined): Promise<string> {
  return (await actingUser(runtime.accounts, asked, cliText(runtime.config).cli.acting, 'operate')).username;
}

async function guarded(ctx: CommandContext, work: (ctx: CommandContext) => Promise<void>): Promise<number> {
  try {
    await work(ctx);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof CaseError)) throw err;
    complain(`lapor-bridge: ${err.message}`);
    return EXIT.failure;
  }
}

function printCase(view: CaseView, zone: string): void {
  const rows = (list: CaseView['members']) =>
    list.map((m) => ({
      aduan: m.id,
      sumber: m.source,
      id: m.externalId,
      dilaporkan: shownTime(m.reportedAt, zone),
      status: m.status,
      opd: m.opd ?? '-',
      pelapor: m.reporter ?? '-',
      isi: m.text ?? '(rahasia)',
    }));
  say(`Kasus ${view.caseId}: ${view.members.length} aduan, ${view.answers.length} tanggapan`);
  say(table(rows(view.members)));
  if (view.related.length > 0)
    say(`\nLaporan terkait (warga lain, masalah yang sama; dihitung sendiri-sendiri):\n${table(rows(view.related))}`);
  if (view.proposals.length > 0)
    say(
      `\nUsulan terbuka:\n${table(view.proposals.map((p) => ({ usulan: p.id, skor: p.score.toFixed(2), alasan: p.signals.join(', ') })))}`,
    );
  if (view.answers.length > 0)
    say(
      `\nTanggapan:\n${table(view.answers.map((a) => ({ tanggapan: a.id, aduan: a.complaintId, status: a.state, waktu: shownTime(a.at, zone) })))}`,
    );
}

export function registerCases(program: Command): void {
  const cases = program
    .command('cases')
    .description('kasus: aduan yang sama dari beberapa kanal (usulan, konfirmasi, gabung, pisah)');

  cases
    .command('list')
    .description('usulan kasus yang menunggu keputusan operator')
    .option('--json', 'JSON instead of a table')
    .action((opts: { json?: boolean }) =>
      withRuntime(program, async ({ runtime }) => {
        const { total, open } = await runtime.cases.proposals(200);
        if (opts.json) return void say(JSON.stringify({ total, open }, null, 2));
        if (total === 0) return void say('Tidak ada usulan kasus yang menunggu.');
        say(`${total} usulan menunggu keputusan (lapor-bridge cases show ID, lalu confirm / reject):`);
        say(
          table(
            open.map((p) => ({
              usulan: p.id,
              jenis: p.kind === 'duplicate' ? 'aduan sama' : 'terkait',
              skor: p.score.toFixed(2),
              alasan: p.signals.join(', '),
              sejak: shownTime(p.at, runtime.config.instance.timezone),
            })),
          ),
        );
      }),
    );

  cases
    .command('show <id>')
    .description('satu kasus (ID kasus, aduan, atau usulan): aduannya, laporan terkait, usulan, tanggapan')
    .option('--json', 'JSON instead of tables')
    .action((id: string, opts: { json?: boolean }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const view = await runtime.cases.show(id.includes('~') ? id.split('~')[0]! : id);
          if (opts.json) say(JSON.stringify(view, null, 2));
          else printCase(view, runtime.config.instance.timezone);
        }),
      ),
    );

  cases
    .command('confirm <proposal>')
    .description('konfirmasi usulan: kedua aduan menjadi satu kasus (dibatalkan dengan cases split)')
    .option('--as <username>', `akun yang memutuskan, berperan admin (bawaan: $${ACTING_USER_ENV})`)
    .action((proposal: string, opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const p = await runtime.cases.confirm(proposal, by);
          say(
            `Usulan ${p.id} dikonfirmasi oleh ${by}: ${p.a} dan ${p.b} satu kasus; tanggapan dikirim ke semua kanalnya.`,
          );
        }),
      ),
    );

  cases
    .command('reject <proposal>')
    .description('tolak usulan: kedua aduan tetap terpisah dan tidak diusulkan lagi (dibatalkan dengan cases confirm)')
    .option('--as <username>', `akun yang memutuskan, berperan admin (bawaan: $${ACTING_USER_ENV})`)
    .action((proposal: string, opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const p = await runtime.cases.reject(proposal, by);
          say(`Usulan ${p.id} ditolak oleh ${by}: ${p.a} dan ${p.b} tetap terpisah.`);
        }),
      ),
    );

  cases
    .command('merge <case> <other>')
    .description('gabungkan dua kasus (ID kasus atau aduan) menjadi satu (dibatalkan dengan cases split)')
    .option('--as <username>', `akun yang memutuskan, berperan admin (bawaan: $${ACTING_USER_ENV})`)
    .action((a: string, b: string, opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const r = await runtime.cases.merge(a, b, by);
          say(r.into === r.from ? `Sudah satu kasus: ${r.into}.` : `Kasus ${r.from} digabung ke ${r.into} oleh ${by}.`);
        }),
      ),
    );

  cases
    .command('split <case> <complaints...>')
    .description('pisahkan aduan dari kasusnya; tanggapannya ikut kembali (dibatalkan dengan cases merge)')
    .option('--as <username>', `akun yang memutuskan, berperan admin (bawaan: $${ACTING_USER_ENV})`)
    .action((caseId: string, complaints: string[], opts: { as?: string }) =>
      withRuntime(program, (ctx) =>
        guarded(ctx, async ({ runtime }) => {
          const by = await decider(runtime, opts.as);
          const r = await runtime.cases.split(caseId, complaints, by);
          say(`Dipisah oleh ${by}: ${r.moved.join(', ')} sekarang kasus ${r.into} (dari ${r.from}).`);
        }),
      ),
    );
}
