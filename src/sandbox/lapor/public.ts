import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http-io.js';
import { publiclyVisible, renderPublic } from './render.js';
import type { LaporWorld } from './world.js';

const PAGE = 20;

/**
 * The public site's data, as lapor.go.id shows it: rahasia reports do not exist here
 * (a direct link answers 404 like an unknown id) and nobody's identity is shown.
 */
export function handlePublic(
  world: LaporWorld,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  baseUrl: string,
): boolean {
  if (path === '/public/laporan') {
    const page = Math.max(1, Number(query.get('page') ?? '1') || 1);
    const shown = world.store.all().filter(publiclyVisible).slice().reverse();
    sendJson(res, 200, {
      total: shown.length,
      page,
      per_page: PAGE,
      data: shown.slice((page - 1) * PAGE, page * PAGE).map((r) => renderPublic(world, r, baseUrl, false)),
    });
    return true;
  }
  const one = /^\/(?:public\/laporan|pengaduan)\/(\d+)$/.exec(path);
  if (one) {
    const report = world.store.get(one[1]!);
    if (!report || !publiclyVisible(report)) sendJson(res, 404, { message: 'Laporan tidak ditemukan' });
    else sendJson(res, 200, { data: renderPublic(world, report, baseUrl, true) });
    return true;
  }
  return false;
}
