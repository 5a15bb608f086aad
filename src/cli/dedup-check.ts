import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Catalog } from '../i18n/messages.js';
import { pino } from 'pino';
import { createConnector, definitionOf } from '../connectors/registry.js';
import { systemClock } from '../domain/clock.js';
import { docFromDraft, docFromLine } from '../dedup/check-input.js';
import type { DedupDoc } from '../dedup/doc.js';
import { dedupOffline } from '../dedup/offline.js';
import { loadOrExit } from './load-or-exit.js';
import { shownTime, table } from './format.js';
import { complain, EXIT, say } from './output.js';
import { cliText } from './text.js';

type DedupText = Catalog['cli']['dedupCheck'];

interface Options {
  channel?: string;
  json?: boolean;
}

async function fromJsonl(file: string, problems: string[], t: DedupText): Promise<DedupDoc[]> {
  const docs: DedupDoc[] = [];
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      problems.push(t.notJson(line));
      continue;
    }
    const result = docFromLine(raw);
    if ('error' in result) problems.push(t.badLine(line, result.error));
    else docs.push(result.doc);
  }
  return docs;
}

async function fromChannel(
  program: Command,
  file: string,
  channel: string,
  problems: string[],
  t: DedupText,
): Promise<DedupDoc[]> {
  const { config, secret } = loadOrExit(program.opts<{ config?: string }>().config);
  const source = config.sources[channel];
  if (!source || source.kind !== 'file-import') throw new Error(t.notFileImport(channel));
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

export function registerDedupCheck(program: Command, text: Catalog): void {
  const h = text.help.dedupCheck;
  program
    .command('dedup-check')
    .description(h.description)
    .argument('<file>', h.file)
    .option('--channel <name>', h.channel)
    .option('--json', text.help.cases.json)
    .action(async (file: string, opts: Options) => {
      const { config } = loadOrExit(program.opts<{ config?: string }>().config);
      const all = cliText(config).cli;
      const t = all.dedupCheck;
      const c = t.columns;
      try {
        await access(file);
        const problems: string[] = [];
        const docs = (
          opts.channel
            ? await fromChannel(program, file, opts.channel, problems, t)
            : await fromJsonl(file, problems, t)
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
          t.summary(
            docs.length,
            cases.length,
            joined.length,
            result.proposals.length,
            result.related.length,
            config.dedup.autoLink,
            config.dedup.propose,
          ),
        );
        for (const [i, joinedCase] of result.joined.entries()) {
          say(`\n${t.caseHeading(i + 1)}`);
          say(
            table(
              joinedCase.links.map((l) => ({
                [c.complaint]: l.b,
                [c.sameAs]: l.a,
                [c.reportedAt]: shownTime(new Date(at.get(l.b) ?? 0).toISOString(), zone),
                [c.score]: l.score.toFixed(2),
                [c.reasons]: l.signals.join(', '),
              })),
              all.none,
            ),
          );
        }
        if (result.proposals.length > 0)
          say(
            `\n${t.proposals}\n${table(
              result.proposals.map((p) => ({
                [c.complaint]: p.b,
                [c.maybeSameAs]: p.a,
                [c.score]: p.score.toFixed(2),
                [c.reasons]: p.signals.join(', '),
              })),
              all.none,
            )}`,
          );
        if (problems.length > 0) complain(t.unreadable(problems.length, problems.slice(0, 20).join('\n')));
      } catch (err) {
        complain(`lapor-bridge: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = EXIT.failure;
      }
    });
}
