/** Saves text as a file through a Blob and a temporary link (works in Electron and a plain browser). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * CSV for people to open in a spreadsheet: with a UTF-8 byte-order mark so Excel reads names with
 * accents correctly. Files for upload to DfE systems are saved without one (`downloadText`).
 */
export function downloadSpreadsheetCsv(filename: string, csv: string): void {
  downloadText(filename, `\uFEFF${csv}`);
}
