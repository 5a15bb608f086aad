import type { TopicCount, WeekPoint } from '../../rekap/types.js';
import { html, type SafeHtml } from './html.js';

const RECEIVED = '#0b5cab';
const ANSWERED = '#1a7f37';

/**
 * Received vs answered per week as grouped bars, drawn on the server as SVG: no script, no
 * library from a CDN, the page works offline and prints as it shows. Sizes are in the
 * viewBox, so it scales to the width of a phone or of A4.
 */
export function weeklyChart(
  weeks: readonly WeekPoint[],
  labels: { received: string; answered: string; title: string },
): SafeHtml {
  if (weeks.length === 0) return html``;
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 34;
  const top = 26;
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.received, w.answered)));
  const step = (width - left - 8) / weeks.length;
  const bar = Math.min(28, step / 2.6);
  const y = (n: number) => top + (height - top - bottom) * (1 - n / max);
  const bars = weeks.map((w, i) => {
    const x = left + i * step + step / 2 - bar;
    const label = w.week.slice(5).split('-').reverse().join('/');
    return html`<g><title>${w.week}: ${labels.received} ${w.received}, ${labels.answered} ${w.answered}</title>
<rect x="${x.toFixed(1)}" y="${y(w.received).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - y(w.received)).toFixed(1)}" fill="${RECEIVED}"/>
<rect x="${(x + bar).toFixed(1)}" y="${y(w.answered).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - y(w.answered)).toFixed(1)}" fill="${ANSWERED}"/>
<text x="${(x + bar).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle" font-size="11" fill="#5b6575">${label}</text>
<text x="${(x + bar / 2).toFixed(1)}" y="${(y(w.received) - 3).toFixed(1)}" text-anchor="middle" font-size="10" fill="#1d2430">${w.received}</text>
<text x="${(x + bar * 1.5).toFixed(1)}" y="${(y(w.answered) - 3).toFixed(1)}" text-anchor="middle" font-size="10" fill="#1d2430">${w.answered}</text></g>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${labels.title}" xmlns="http://www.w3.org/2000/svg">
<line x1="${left}" y1="${y(0)}" x2="${width - 8}" y2="${y(0)}" stroke="#d9dee7"/>
<text x="${left - 6}" y="${y(max) + 4}" text-anchor="end" font-size="10" fill="#5b6575">${max}</text>
<text x="${left - 6}" y="${y(0) + 4}" text-anchor="end" font-size="10" fill="#5b6575">0</text>
${bars}
<rect x="${left}" y="4" width="10" height="10" fill="${RECEIVED}"/><text x="${left + 14}" y="13" font-size="11" fill="#1d2430">${labels.received}</text>
<rect x="${left + 110}" y="4" width="10" height="10" fill="${ANSWERED}"/><text x="${left + 124}" y="13" font-size="11" fill="#1d2430">${labels.answered}</text>
</svg></figure>`;
}

/** The most frequent topics as horizontal bars, longest first. */
export function topicsChart(topics: readonly TopicCount[], title: string): SafeHtml {
  if (topics.length === 0) return html``;
  const width = 640;
  const row = 22;
  const labelWidth = 210;
  const height = topics.length * row + 8;
  const max = Math.max(1, ...topics.map((t) => t.count));
  const bars = topics.map((t, i) => {
    const w = ((width - labelWidth - 50) * t.count) / max;
    const name = t.topic.length > 32 ? `${t.topic.slice(0, 31)}…` : t.topic;
    return html`<g><title>${t.topic}: ${t.count}</title>
<text x="${labelWidth - 8}" y="${i * row + 16}" text-anchor="end" font-size="12" fill="#1d2430">${name}</text>
<rect x="${labelWidth}" y="${i * row + 5}" width="${w.toFixed(1)}" height="${row - 8}" fill="#0b5cab"/>
<text x="${(labelWidth + w + 5).toFixed(1)}" y="${i * row + 16}" font-size="11" fill="#5b6575">${t.count}</text></g>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}
