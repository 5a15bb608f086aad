import express from 'express';
import { maskText } from '../../domain/mask.js';
import type { PublicItem, SandboxSystem } from './system.js';

/**
 * What a citizen may see: complaints without reporter identity, and never a secret
 * (rahasia / is_secret) one. Systems leave secret reports out of publicItems(); free text
 * is masked because people write their own phone number into it.
 */
export function publicItems(systems: readonly SandboxSystem[]): PublicItem[] {
  return systems
    .flatMap((s) => s.publicItems())
    .map((item) => ({ ...item, text: maskText(item.text) }))
    .sort((a, b) => (a.reportedAt < b.reportedAt ? 1 : -1));
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function publicRouter(systems: readonly SandboxSystem[]): express.Router {
  const router = express.Router();
  router.get('/complaints', (_req, res) => void res.json({ items: publicItems(systems) }));
  router.get('/', (_req, res) => {
    // Complaint text is shown as text: HTML in it is escaped, never rendered.
    const rows = publicItems(systems)
      .map(
        (i) =>
          `<tr><td>${escape(i.system)}</td><td>${escape(i.reportedAt)}</td><td>${escape(i.title ?? '')}</td><td>${escape(i.text)}</td><td>${escape(i.place ?? '')}</td><td>${escape(i.status)}</td></tr>`,
      )
      .join('\n');
    res
      .type('html')
      .send(
        `<!doctype html><html lang="id"><meta charset="utf-8"><title>Aduan publik (sandbox)</title><table><thead><tr><th>Kanal</th><th>Waktu</th><th>Judul</th><th>Isi</th><th>Lokasi</th><th>Status</th></tr></thead><tbody>\n${rows}\n</tbody></table></html>`,
      );
  });
  return router;
}
