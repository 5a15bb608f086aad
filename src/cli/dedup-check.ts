import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { pino } from 'pino';
import { createConnector, definitionOf } from '../connectors/registry.js';
import { systemClock } from '../domain/clock.js';
import { docFromDraft, docFromLine } from '../dedup/check-input.js';
import type { DedupDoc } from '../dedup/doc.js';
import { dedupOffline } from '../dedup/offline.js';
import { loadOrExit } from './load-or-exit.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';

interface Options {
  channel?: string;
  json?: boolean;
}

async function fromJsonl(file: string, problems: string[]): Promise<DedupDoc[]> {
  const docs: DedupDoc[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      problems.push(`baris ${line}: bukan JSON`);
      continue;
    }
    const result = docFromLine(raw);
    if ('error' in result) problems.push(`baris ${line}: ${result.error}`);
    else docs.push(result.doc);
  }
  return docs;
}

async function fromChannel(program: Command, file: string, channel: string, problems: string[]): Promise<DedupDoc[]> {
  const { config, secret } = loadOrExit(program.opts<{ config?: string }>().config);
  const source = config.sources[channel];
  if (!source || source.kind !== 'file-import')
    throw new Error(`"${channel}" is not a file-import source of the configuration`);
  const parsed = definitionOf(source.kind).configSchema.safeParse({ ...source, path: file });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const connector = createConnector(parsed.data as { kind: string }, {
    name: channel,
    logger: pino({ level: 'silent' }),
    clock: systemClock,
    secret,
  });
  const docs: DedupDoc[] = [];
  try {
    let cursor: string | null = null;
    for (;;) {
      const page = await connector.pull(cursor);
      for (const r of page.records) {
        if (r.ok) docs.push(docFromDraft(channel, r.draft));
        else problems.push(`${r.externalId}: ${r.reason}`);
      }
      if (page.done || page.nextCursor === cursor) break;
      cursor = page.nextCursor;
    }
  } finally {
    await connector.close();
  }
  return docs;
}

export function registerDedupCheck(program: Command): void {
  program
    .command('dedup-check')
    .description(
      'run the dedup engine offline over a JSONL file or a file-import export and print the cases it would make, with scores (reads no ledger, writes nothing)',
    )
    .argument(
      '<file>',
      'JSONL (one complaint per line: id, text, reportedAt, optional reporter, desa, kecamatan, category, source) or, with --channel, an export',
    )
    .option('--channel <name>', 'a file-import source whose column mapping reads FILE')
    .option('--json', 'JSON instead of tables')
    .action(async (file: string, opts: Options) => {
      const { config } = loadOrExit(program.opts<{ config?: string }>().config);
      try {
        await access(file);
        const problems: string[] = [];
        const docs = (
          opts.channel ? await fromChannel(program, file, opts.channel, problems) : await fromJsonl(file, problems)
        ).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
        const { links, cases } = dedupOffline(docs, config.dedup);
        const joined = cases.filter((c) => c.length > 1);
        const byPair = (kind: string, action: string) =>
          links.filter((l) => l.match.kind === kind && l.match.action === action);
        const result = {
          records: docs.length,
          cases: cases.length,
          joined: joined.map((ids) => ({
            records: ids,
            links: links
              .filter(
                (l) =>
                  l.match.action === 'link' && l.match.kind === 'duplicate' && ids.includes(l.a) && ids.includes(l.b),
              )
              .map((l) => ({ a: l.a, b: l.b, score: l.match.score, signals: l.match.signals })),
          })),
          proposals: byPair('duplicate', 'propose').map((l) => ({
            a: l.a,
            b: l.b,
            score: l.match.score,
            signals: l.match.signals,
          })),
          related: byPair('related', 'link').map((l) => ({
            a: l.a,
            b: l.b,
            score: l.match.score,
            signals: l.match.signals,
          })),
          problems,
        };
        if (opts.json) return void say(JSON.stringify(result, null, 2));
        const zone = config.instance.timezone;
        const at = new Map(docs.map((d) => [d.id, d.at]));
        say(
          `${docs.length} aduan → ${cases.length} kasus: ${joined.length} kasus gabungan, ${result.proposals.length} usulan untuk operator, ${result.related.length} pasangan laporan terkait (ambang: otomatis ${config.dedup.autoLink}, usulan ${config.dedup.propose}).`,
        );
        for (const [i, c] of result.joined.entries()) {
          say(`\nKasus ${i + 1}:`);
          say(
            table(
              c.links.map((l) => ({
                aduan: l.b,
                sama_dengan: l.a,
                dilaporkan: shownTime(new Date(at.get(l.b) ?? 0).toISOString(), zone),
                skor: l.score.toFixed(2),
                alasan: l.signals.join(', '),
              })),
            ),
          );
        }
        if (result.proposals.length > 0)
          say(
            `\nUsulan (perlu keputusan operator):\n${table(result.proposals.map((p) => ({ aduan: p.b, mungkin_sama_dengan: p.a, skor: p.score.toFixed(2), alasan: p.signals.join(', ') })))}`,
          );
        if (problems.length > 0)
          complain(`${problems.length} baris tidak terbaca:\n${problems.slice(0, 20).join('\n')}`);
      } catch (err) {
        complain(`lapor-bridge: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = EXIT.failure;
      }
    });
}
