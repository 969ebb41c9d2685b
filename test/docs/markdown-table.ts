/** One row of a Markdown table: its cells by column heading, trimmed, as written. */
export type TableRow = Readonly<Record<string, string>>;

/**
 * The first table under the heading `## <title>` (any level), as rows keyed by the column
 * headings. Throws when the heading or its table is missing, so a renamed section fails loudly
 * instead of checking nothing.
 */
export function tableUnderHeading(markdown: string, title: string): TableRow[] {
  const lines = markdown.split(/\r?\n/);
  const headingAt = lines.findIndex((line) =>
    new RegExp(`^#+\\s+${escapeRegExp(title)}\\s*$`).test(line),
  );
  if (headingAt < 0) throw new Error(`No heading "${title}" in the document`);

  let start = headingAt + 1;
  while (start < lines.length && !isTableLine(lines[start]) && !isHeading(lines[start])) start++;
  if (start >= lines.length || !isTableLine(lines[start])) {
    throw new Error(`No table under the heading "${title}"`);
  }

  const block: string[] = [];
  for (let at = start; at < lines.length && isTableLine(lines[at]); at++) {
    block.push(lines[at] as string);
  }
  const [header, separator, ...body] = block;
  if (header === undefined || separator === undefined || !/^\|[\s:|-]+\|$/.test(separator.trim())) {
    throw new Error(`The table under "${title}" has no header row`);
  }

  const headings = splitRow(header);
  return body.map((line) => {
    const cells = splitRow(line);
    if (cells.length !== headings.length) {
      throw new Error(`Row "${line}" under "${title}" has ${cells.length} cells`);
    }
    return Object.freeze(Object.fromEntries(headings.map((name, i) => [name, cells[i] ?? ''])));
  });
}

/** The text of a cell's first code span (`` `x` `` gives `x`), or undefined when it has none. */
export function firstCodeSpan(cell: string): string | undefined {
  return /`([^`]+)`/.exec(cell)?.[1];
}

function isTableLine(line: string | undefined): boolean {
  return line?.trim().startsWith('|') === true;
}

function isHeading(line: string | undefined): boolean {
  return line !== undefined && /^#+\s/.test(line);
}

// Splits on pipes that are not escaped (`\|`) and not inside a code span.
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  const text = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && text[i + 1] === '|') {
      current += '|';
      i++;
    } else if (char === '`') {
      inCode = !inCode;
      current += char;
    } else if (char === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current.trim());
  return cells;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
