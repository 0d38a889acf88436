import { toCsv, toXlsx, CSV_MIME, XLSX_MIME, type Table } from '../../../src-shared/analytics/export';
import { saveFile as save } from '../print/save-file';

// Exports leave the desk as an ordinary download (print/save-file.ts).

export function downloadCsv(table: Table, fileName: string): void {
  save(new Blob([toCsv(table)], { type: CSV_MIME }), `${fileName}.csv`);
}

export function downloadXlsx(tables: Table[], fileName: string): void {
  const bytes = toXlsx(tables);
  save(new Blob([bytes.slice().buffer], { type: XLSX_MIME }), `${fileName}.xlsx`);
}
