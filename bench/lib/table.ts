/** A printed result: a heading, a markdown table, and notes that say how to read it. */
export interface Section {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

/** Right-aligns cells that look like numbers so columns of figures line up. */
function numeric(cell: string): boolean {
  return /^<?[-–~0-9.,]+( ?[a-zµ×%/]+| ?[KMG]iB)?$|^baseline$/i.test(cell.trim());
}

/** GitHub-flavoured markdown, so a run's output can be pasted into docs as it is. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const right = headers.map((_, i) => i > 0 && rows.length > 0 && rows.every((r) => numeric(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function renderSection(section: Section): string {
  const notes = (section.notes ?? []).map((n) => `- ${n}`);
  return [
    `## ${section.title}`,
    '',
    renderTable(section.headers, section.rows),
    ...(notes.length ? ['', ...notes] : []),
    '',
  ].join('\n');
}

export function printSection(section: Section): void {
  process.stdout.write(`${renderSection(section)}\n`);
}
