import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { loadOrExit } from './load-or-exit.js';
import { table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { withRuntime } from './with-runtime.js';
import { cliText } from './text.js';

export function registerOpd(program: Command, text: Catalog): void {
  const h = text.help.opd;
  const opd = program.command('opd').description(h.description);

  opd
    .command('list')
    .description(h.list)
    .option('--json', text.help.common.json)
    .action((opts: { json?: boolean }) => {
      const { opd: units, config } = loadOrExit(program.opts<{ config?: string }>().config);
      const all = cliText(config).cli;
      const t = all.opd;
      const rows = units.list().map((u) => ({
        [t.columns.code]: u.code,
        [t.columns.name]: u.name,
        [t.columns.kind]: u.kind,
        [t.columns.parent]: u.parent ?? '',
        [t.columns.status]: u.mergedInto ? t.mergedInto(u.mergedInto.code, u.mergedInto.on) : '',
      }));
      say(opts.json ? JSON.stringify(units.list(), null, 2) : `${table(rows, all.none)}\n${t.units(rows.length)}`);
    });

  opd
    .command('show <code>')
    .description(h.show)
    .action((code: string) => {
      const { opd: units, config } = loadOrExit(program.opts<{ config?: string }>().config);
      const unit = units.get(code);
      if (!unit) {
        complain(`lapor-bridge: ${cliText(config).cli.opd.noUnit(code)}`);
        process.exit(EXIT.failure);
      }
      const current = units.current(code);
      say(
        JSON.stringify(
          {
            ...unit,
            atasan: units.ancestors(code).map((u) => `${u.code} (${u.name})`),
            ...(current && current.code !== code ? { tugasKiniDi: current.code } : {}),
          },
          null,
          2,
        ),
      );
    });

  opd
    .command('check')
    .description(h.check)
    .option('--apply', h.apply)
    .action((opts: { apply?: boolean }) =>
      withRuntime(program, async ({ runtime }) => {
        const { store } = runtime;
        const all = cliText(runtime.config).cli;
        const t = all.opd;
        const c = t.checkColumns;
        const groups = new Map<string, { source: string; value: string; complaints: string[] }>();
        for await (const [, t] of store.triage.entries()) {
          if (t.kind !== 'unknown_opd') continue;
          const key = `${t.source}\u0000${t.value}`;
          const g = groups.get(key) ?? { source: t.source, value: t.value, complaints: [] };
          g.complaints.push(t.complaintId);
          groups.set(key, g);
        }
        let applied = 0;
        const rows = [];
        for (const g of groups.values()) {
          const sample = await store.ledger.get(g.complaints[0]!);
          const resolution = sample?.opd
            ? runtime.opd.resolve([g.source, runtime.config.sources[g.source]?.kind ?? g.source], {
                id: sample.opd.id,
                name: sample.opd.name,
              })
            : undefined;
          const now = resolution?.kind === 'unit' ? resolution.unit.code : undefined;
          rows.push({
            [c.source]: g.source,
            [c.value]: g.value,
            [c.complaints]: g.complaints.length,
            [c.knownNow]: now ?? '-',
          });
          if (!opts.apply || !now) continue;
          for (const id of g.complaints) {
            const written = await store.ledger.transact(id, (c) =>
              c && c.opd && !c.opd.code
                ? {
                    complaint: {
                      ...c,
                      opd: { ...c.opd, code: now, reason: t.resolvedWhy(g.source, g.value) },
                      version: c.version + 1,
                    },
                    audit: { who: 'opd-check', what: 'opd_resolved', why: `${g.value} → ${now}` },
                  }
                : null,
            );
            await store.triage.delete(`${id}:opd`);
            if (written) applied += 1;
          }
        }
        say(rows.length === 0 ? t.allKnown : table(rows, all.none));
        if (opts.apply) say(t.applied(applied));
        else if (rows.some((r) => r[c.knownNow] !== '-')) say(t.runApply);
        return rows.some((r) => r[c.knownNow] === '-') ? EXIT.failure : EXIT.ok;
      }),
    );
}
