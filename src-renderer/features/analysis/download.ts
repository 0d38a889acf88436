import { toCsv, toXlsx, CSV_MIME, XLSX_MIME, type Table } from '../../../src-shared/analytics/export';

// Exports leave the desk as an ordinary download (Electron shows its save dialog; a browser saves it).

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(table: Table, fileName: string): void {
  save(new Blob([toCsv(table)], { type: CSV_MIME }), `${fileName}.csv`);
}

export function downloadXlsx(tables: Table[], fileName: string): void {
  const bytes = toXlsx(tables);
  save(new Blob([bytes.slice().buffer], { type: XLSX_MIME }), `${fileName}.xlsx`);
}
