import { describe, expect, it } from 'vitest';
import { firstCodeSpan, type TableRow, tableUnderHeading } from './markdown-table.js';
import {
  type DeclaredOption,
  declaredOptions,
  documentedDefault,
  parseLiteral,
} from './source-facts.js';

/**
 * One options interface a table covers: its fields are listed as `<prefix><field>` (the
 * top-level fields of PanelClientOptions with an empty prefix, nested objects as `retry.`...),
 * and `defaults` is the frozen constant that holds their defaults.
 */
export interface OptionGroup {
  prefix: string;
  /** The source file that declares the interface, relative to `src/`. */
  file: string;
  type: string;
  defaults: Readonly<Record<string, unknown>>;
}

interface OptionFact extends DeclaredOption {
  /** The value of the defaults constant for this field, when the constant has one. */
  constantDefault?: unknown;
}

// A default that embeds the package version is written with a placeholder in the docs.
function comparable(value: unknown, version: string): unknown {
  return typeof value === 'string' ? value.replaceAll(version, '<version>') : value;
}

function isPlain(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function optionsFromSource(groups: readonly OptionGroup[]): Map<string, OptionFact> {
  const facts = new Map<string, OptionFact>();
  for (const group of groups) {
    for (const [field, declared] of declaredOptions(group.file, group.type)) {
      const fact: OptionFact = { ...declared };
      if (Object.hasOwn(group.defaults, field)) fact.constantDefault = group.defaults[field];
      facts.set(`${group.prefix}${field}`, fact);
    }
  }
  return facts;
}

function optionRows(markdown: string): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  for (const row of tableUnderHeading(markdown, 'Options')) {
    const name = firstCodeSpan(row.Option ?? '');
    if (name === undefined) throw new Error(`Options row without a code name: ${row.Option}`);
    if (rows.has(name)) throw new Error(`Option ${name} is listed twice`);
    rows.set(name, row);
  }
  return rows;
}

function shownDefault(row: TableRow | undefined): unknown {
  const cell = row?.Default ?? '';
  return parseLiteral(firstCodeSpan(cell) ?? cell);
}

/**
 * Checks the table under `## Options` of a document against the interfaces and defaults
 * constants of `groups`: the same names both ways, the constants' defaults, the TSDoc's plain
 * defaults, and `required` exactly for the fields declared without `?`.
 */
export function describeOptionsTable(
  document: string,
  markdown: string,
  groups: readonly OptionGroup[],
  version: string,
): void {
  describe(`the options table of ${document}`, () => {
    const source = optionsFromSource(groups);
    const rows = optionRows(markdown);

    it('lists every option field the code declares', () => {
      const missing = [...source.keys()].filter((name) => !rows.has(name));
      expect(missing, `options missing from ${document}`).toEqual([]);
    });

    it('lists no option the code does not declare', () => {
      const stale = [...rows.keys()].filter((name) => !source.has(name));
      expect(stale, `rows of ${document} for options the code does not have`).toEqual([]);
    });

    it('shows the default of every option that has one in a defaults constant', () => {
      const wrong: string[] = [];
      for (const [name, fact] of source) {
        // Only plain values can be compared with a table cell; a default that is an object or a
        // function (a catalogue, a clock) is described in words.
        if (!('constantDefault' in fact) || !isPlain(fact.constantDefault)) continue;
        const expected = comparable(fact.constantDefault, version);
        const shown = shownDefault(rows.get(name));
        if (shown !== expected) {
          wrong.push(`${name}: shown ${JSON.stringify(shown)}, code ${JSON.stringify(expected)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('agrees with the TSDoc default where both state a plain value', () => {
      const wrong: string[] = [];
      for (const [name, fact] of source) {
        const documented = documentedDefault(fact.doc);
        const shown = shownDefault(rows.get(name));
        if (documented !== undefined && shown !== undefined && documented !== shown) {
          wrong.push(
            `${name}: shown ${JSON.stringify(shown)}, TSDoc ${JSON.stringify(documented)}`,
          );
        }
      }
      expect(wrong).toEqual([]);
    });

    it('marks exactly the required fields as required', () => {
      const wrong: string[] = [];
      for (const [name, fact] of source) {
        const saysRequired = /^required\b/i.test(rows.get(name)?.Default ?? '');
        if (saysRequired === fact.isOptional) {
          wrong.push(`${name} is ${fact.isOptional ? 'optional' : 'required'} in the code`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}
