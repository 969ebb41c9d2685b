import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_DEFAULTS } from '../../src/client/client-options.js';
import { PANEL_PROFILE_DEFAULTS } from '../../src/client/panel-profile.js';
import { ErrorCode } from '../../src/errors/codes.js';
import { RETRY_BUDGET_DEFAULTS } from '../../src/retry/retry-budget.js';
import { RETRY_POLICY_DEFAULTS } from '../../src/retry/retry-policy.js';
import { firstCodeSpan, type TableRow, tableUnderHeading } from './markdown-table.js';
import {
  type DeclaredOption,
  declaredOptions,
  documentedDefault,
  errorClassCodes,
  parseLiteral,
} from './source-facts.js';

// The README is read as a user reads it; the options and codes come from the source itself, so
// a field or code added to the code without a README row (or removed from the code while its row
// stays) fails here.

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/**
 * The option groups the table covers: top-level fields of PanelClientOptions by their own name,
 * and the fields of the nested option objects as `<prefix>.<field>`, each with the constant that
 * holds its defaults.
 */
const GROUPS: readonly {
  prefix: string;
  file: string;
  type: string;
  defaults: Readonly<Record<string, unknown>>;
}[] = [
  {
    prefix: '',
    file: 'client/client-options.ts',
    type: 'PanelClientOptions',
    defaults: CLIENT_DEFAULTS,
  },
  {
    prefix: 'profile.',
    file: 'client/panel-profile.ts',
    type: 'PanelProfileOptions',
    defaults: PANEL_PROFILE_DEFAULTS,
  },
  {
    prefix: 'retry.',
    file: 'retry/retry-policy.ts',
    type: 'RetryPolicyOptions',
    defaults: RETRY_POLICY_DEFAULTS,
  },
  {
    prefix: 'retryBudget.',
    file: 'retry/retry-budget.ts',
    type: 'RetryBudgetOptions',
    defaults: RETRY_BUDGET_DEFAULTS,
  },
];

interface OptionFact extends DeclaredOption {
  /** The value of the defaults constant for this field, when the constant has one. */
  constantDefault?: unknown;
}

function optionsFromSource(): Map<string, OptionFact> {
  const facts = new Map<string, OptionFact>();
  for (const group of GROUPS) {
    for (const [field, declared] of declaredOptions(group.file, group.type)) {
      const fact: OptionFact = { ...declared };
      if (Object.hasOwn(group.defaults, field)) fact.constantDefault = group.defaults[field];
      facts.set(`${group.prefix}${field}`, fact);
    }
  }
  return facts;
}

function optionRows(): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  for (const row of tableUnderHeading(README, 'Options')) {
    const name = firstCodeSpan(row.Option ?? '');
    if (name === undefined)
      throw new Error(`Options row without a code-formatted name: ${row.Option}`);
    if (rows.has(name)) throw new Error(`Option ${name} is listed twice`);
    rows.set(name, row);
  }
  return rows;
}

describe('the README options table', () => {
  const source = optionsFromSource();
  const rows = optionRows();

  it('lists every option field the code declares', () => {
    const missing = [...source.keys()].filter((name) => !rows.has(name));
    expect(missing, 'options missing from the README table').toEqual([]);
  });

  it('lists no option the code does not declare', () => {
    const stale = [...rows.keys()].filter((name) => !source.has(name));
    expect(stale, 'README rows for options the code does not have').toEqual([]);
  });

  it('shows the default of every option that has one in a defaults constant', () => {
    const wrong: string[] = [];
    for (const [name, fact] of source) {
      if (!('constantDefault' in fact)) continue;
      const cell = rows.get(name)?.Default ?? '';
      const shown = parseLiteral(firstCodeSpan(cell) ?? cell);
      if (shown !== fact.constantDefault) {
        wrong.push(`${name}: README "${cell}", code ${JSON.stringify(fact.constantDefault)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agrees with the TSDoc default where both state a plain value', () => {
    const wrong: string[] = [];
    for (const [name, fact] of source) {
      const documented = documentedDefault(fact.doc);
      const cell = rows.get(name)?.Default ?? '';
      const shown = parseLiteral(firstCodeSpan(cell) ?? cell);
      if (documented !== undefined && shown !== undefined && documented !== shown) {
        wrong.push(`${name}: README ${JSON.stringify(shown)}, TSDoc ${JSON.stringify(documented)}`);
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

describe('the README errors table', () => {
  const rows = tableUnderHeading(README, 'Errors').map((row) => ({
    className: firstCodeSpan(row.Class ?? ''),
    code: firstCodeSpan(row.Code ?? ''),
  }));
  const classCodes = errorClassCodes();
  const allCodes = new Set<string>(Object.values(ErrorCode));

  it('reads the error classes from the source', () => {
    // A guard against a broken reader: these three must always be found.
    expect(classCodes.get('InvalidInputError')).toEqual(new Set([ErrorCode.InvalidInput]));
    expect(classCodes.get('TransportError')?.has(ErrorCode.Timeout)).toBe(true);
    expect(classCodes.get('LedgerError')).toEqual(new Set([ErrorCode.LedgerFailed]));
  });

  it('lists every error code with a class that carries it', () => {
    const missing: string[] = [];
    for (const code of allCodes) {
      const carriers = [...classCodes].filter(([, codes]) => codes.has(code)).map(([name]) => name);
      const listed = rows.some(
        (row) => row.code === code && carriers.includes(row.className ?? ''),
      );
      if (!listed) missing.push(`${code} (${carriers.join(' or ') || 'no class'})`);
    }
    expect(missing, 'codes missing from the README errors table').toEqual([]);
  });

  it('lists no stale code and no class that does not carry its code', () => {
    const wrong = rows
      .filter((row) => {
        if (row.code === undefined || !allCodes.has(row.code)) return true;
        return !(classCodes.get(row.className ?? '')?.has(row.code) ?? false);
      })
      .map((row) => `${row.className} / ${row.code}`);
    expect(wrong).toEqual([]);
  });

  it('has one row per class and code', () => {
    const pairs = rows.map((row) => `${row.className}/${row.code}`);
    expect(pairs.length).toBe(new Set(pairs).size);
    expect(new Set(rows.map((row) => row.code))).toEqual(allCodes);
  });
});
