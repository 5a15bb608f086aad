import ExcelJS from 'exceljs';
import type { Cell, RekapView } from './views.js';

const NUMBER_FORMATS = { count: '#,##0', share: '0%', days: '0.0', hours: '0.0', text: '@' } as const;

/**
 * XLSX: one sheet per view, each opening with the heading (what, period, source, generated
 * at), then the table with a bold header row that stays in view, number formats per column,
 * and the total row in bold.
 */
export async function rekapXlsx(heading: readonly string[], views: readonly RekapView[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'lapor-bridge';
  for (const view of views) {
    const sheet = book.addWorksheet(view.name.slice(0, 31), {
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    heading.forEach((line, i) => {
      const cell = sheet.getCell(i + 1, 1);
      cell.value = line;
      if (i === 0) cell.font = { bold: true, size: 14 };
    });
    const headerRow = heading.length + 2;
    const header = sheet.getRow(headerRow);
    view.columns.forEach((label, i) => (header.getCell(i + 1).value = label));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } }));
    view.rows.forEach((values, r) => {
      const row = sheet.getRow(headerRow + 1 + r);
      values.forEach((value, i) => {
        const cell = row.getCell(i + 1);
        cell.value = value;
        if (typeof value === 'number') cell.numFmt = NUMBER_FORMATS[view.formats[i] ?? 'count'];
      });
      if (view.hasTotal && r === view.rows.length - 1) row.font = { bold: true };
    });
    view.columns.forEach((label, i) => {
      const widest = Math.max(label.length, ...view.rows.map((row) => String(row[i] ?? '').length));
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, widest + 2));
    });
    sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Math.round(value * 10_000) / 10_000);
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV of one view (UTF-8 with a byte-order mark, so spreadsheet programs read the names right). */
export function rekapCsv(view: RekapView): string {
  const lines = [view.columns.map(csvCell).join(','), ...view.rows.map((row) => row.map(csvCell).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
