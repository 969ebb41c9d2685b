import Table from 'cli-table3';

/** Renders rows as a plain table for people; `undefined` cells print as `-`. */
export function formatTable(
  head: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined)[])[],
): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const row of rows) {
    table.push(row.map((cell) => (cell === undefined ? '-' : String(cell))));
  }
  return `${table.toString()}\n`;
}

/** Renders an object's fields as a two-column table. */
export function formatRecord(record: Readonly<Record<string, unknown>>): string {
  const rows = Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => [
      field,
      typeof value === 'object' ? JSON.stringify(value) : String(value),
    ]);
  return formatTable(['field', 'value'], rows);
}

/** JSON for scripts: Maps become objects keyed by id. */
export function toJson(value: unknown): string {
  const json = JSON.stringify(
    value,
    (_key, inner) => (inner instanceof Map ? Object.fromEntries(inner) : inner),
    2,
  );
  return `${json}\n`;
}
