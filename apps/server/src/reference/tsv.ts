// Reads the reference data files (tab-separated, '#' comment lines) that sit beside the loaders.
import fs from 'node:fs';

/** Rows of a reference TSV file, each with exactly `columnCount` fields; blank and '#' lines are skipped. */
export function readReferenceTsv(fileUrl: URL, columnCount: number): string[][] {
  const rows: string[][] = [];
  const lines = fs.readFileSync(fileUrl, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split('\t');
    if (fields.length !== columnCount) {
      throw new Error(
        `${fileUrl.pathname}:${index + 1}: expected ${columnCount} fields, got ${fields.length}`,
      );
    }
    rows.push(fields);
  }
  return rows;
}
