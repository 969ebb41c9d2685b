/**
 * Reads the bulk-order CSV format of examples/bulk-orders-from-csv.ts with node:readline, no
 * parser dependency: UTF-8, a header line naming the columns `id`, `service`, `link` and
 * `quantity` in any order (other columns are ignored), fields separated by commas, a field in
 * double quotes may hold commas (`""` is a quote inside it), no line breaks inside a field,
 * blank lines and lines starting with `#` skipped. `id` must be unique in the file.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One order row of the CSV file. */
export interface CsvOrderRow {
  /** The row's `id` column: what its idempotency key is derived from. */
  id: string;
  /** The line it was read from, 1-based, for messages. */
  line: number;
  service: string;
  link: string;
  quantity: number;
}

/**
 * Reads and checks every row before anything is ordered, so a typo on line 900 does not leave
 * a half-placed batch. Throws an error naming the line.
 */
export async function readOrderRows(csvPath: string): Promise<CsvOrderRow[]> {
  const lines = createInterface({ input: createReadStream(csvPath, 'utf8'), crlfDelay: Infinity });
  const rows: CsvOrderRow[] = [];
  const seen = new Map<string, number>();
  let columns: Map<string, number> | undefined;
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '' || text.startsWith('#')) continue;
    const fields = parseCsvLine(text, lineNumber);
    if (columns === undefined) {
      columns = new Map(fields.map((name, i) => [name.trim().toLowerCase(), i]));
      const missing = ['id', 'service', 'link', 'quantity'].filter((name) => !columns?.has(name));
      if (missing.length > 0) throw new Error(`${csvPath}: header lacks ${missing.join(', ')}`);
      continue;
    }
    const cell = (name: string): string => fields[columns?.get(name) ?? -1]?.trim() ?? '';
    const id = cell('id');
    const quantity = Number(cell('quantity'));
    if (id === '') throw new Error(`${csvPath}:${lineNumber}: id is empty`);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new Error(`${csvPath}:${lineNumber}: id ${id} is used on line ${first} already`);
    }
    if (!Number.isSafeInteger(quantity) || quantity < 1) {
      throw new Error(`${csvPath}:${lineNumber}: quantity must be a positive whole number`);
    }
    seen.set(id, lineNumber);
    rows.push({ id, line: lineNumber, service: cell('service'), link: cell('link'), quantity });
  }
  if (columns === undefined) throw new Error(`${csvPath}: no header line`);
  return rows;
}

/** Splits one CSV line: commas, double-quoted fields, `""` for a quote inside quotes. */
export function parseCsvLine(line: string, lineNumber = 0): string[] {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let isQuoted = false;
  while (i <= line.length) {
    const char = line[i];
    if (isQuoted) {
      if (char === undefined) throw new Error(`line ${lineNumber}: a quoted field is not closed`);
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      isQuoted = true;
      field = '';
    } else if (char === ',' || char === undefined) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
    i += 1;
  }
  return fields;
}
