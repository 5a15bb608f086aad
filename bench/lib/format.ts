/** Number formats shared by every benchmark table, so columns read the same everywhere. */

export function fmtCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

/** A rate: three significant digits, thousands separated. */
export function fmtRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1000) return Math.round(perSecond).toLocaleString('en-US');
  return perSecond.toPrecision(3);
}

/** A duration given in milliseconds, in the unit that keeps it readable. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.01) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms >= 0.001) return `${(ms * 1000).toFixed(2)} µs`;
  return `${(ms * 1e6).toFixed(0)} ns`;
}

/** A duration measured in whole milliseconds (BullMQ job timestamps): no decimals it does not have. */
export function fmtWholeMs(ms: number): string {
  if (Number.isFinite(ms) && ms < 1) return '<1 ms';
  return Number.isFinite(ms) && ms < 1000 ? `${Math.round(ms)} ms` : fmtMs(ms);
}

export function fmtBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  if (abs >= 1024 ** 3) return `${sign}${(abs / 1024 ** 3).toFixed(2)} GiB`;
  if (abs >= 1024 ** 2) return `${sign}${(abs / 1024 ** 2).toFixed(1)} MiB`;
  if (abs >= 1024) return `${sign}${(abs / 1024).toFixed(1)} KiB`;
  return `${sign}${Math.round(abs)} B`;
}

/**
 * Every comparison in the benchmark is "this rate ÷ the baseline's rate": above 1 is
 * faster than the baseline, below 1 slower. The baseline row itself reads "baseline".
 */
export function fmtRatio(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return '–';
  const r = value / baseline;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

/** A share (0..1) as a whole percentage; "–" when unknown. */
export function fmtShare(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '–' : `${Math.round(100 * share)}%`;
}
