import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_DEFAULTS } from '../../src/client/client-options.js';
import { PANEL_PROFILE_DEFAULTS } from '../../src/client/panel-profile.js';
import { ErrorCode } from '../../src/errors/codes.js';
import { RETRY_BUDGET_DEFAULTS } from '../../src/retry/retry-budget.js';
import { RETRY_POLICY_DEFAULTS } from '../../src/retry/retry-policy.js';
import { SANDBOX_DEFAULTS } from '../../src/sandbox/options.js';
import { UNDICI_TRANSPORT_DEFAULTS } from '../../src/transport/undici-transport-options.js';
import { SDK_VERSION } from '../../src/transport/version.js';
import { firstCodeSpan, tableUnderHeading } from './markdown-table.js';
import { describeOptionsTable, type OptionGroup } from './options-table.js';
import { errorClassCodes } from './source-facts.js';

// The documents are read as a user reads them; the options and codes come from the source
// itself, so a field or code added to the code without a row (or removed from the code while
// its row stays) fails here.

function read(path: string): string {
  return readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
}

const README = read('README.md');

/** PanelClientOptions, with the profile, the retry policy and the retry budget spelled out. */
const CLIENT_GROUPS: readonly OptionGroup[] = [
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

/** The client page also spells out the options of the default transport. */
const CLIENT_PAGE_GROUPS: readonly OptionGroup[] = [
  ...CLIENT_GROUPS,
  {
    prefix: 'transportOptions.',
    file: 'transport/undici-transport-options.ts',
    type: 'UndiciTransportOptions',
    defaults: UNDICI_TRANSPORT_DEFAULTS,
  },
];

describeOptionsTable('README.md', README, CLIENT_GROUPS, SDK_VERSION);
describeOptionsTable(
  'docs/client-and-profiles.md',
  read('docs/client-and-profiles.md'),
  CLIENT_PAGE_GROUPS,
  SDK_VERSION,
);
describeOptionsTable(
  'docs/sandbox.md',
  read('docs/sandbox.md'),
  [{ prefix: '', file: 'sandbox/options.ts', type: 'SandboxOptions', defaults: SANDBOX_DEFAULTS }],
  SDK_VERSION,
);

describe('the errors table of README.md', () => {
  const rows = tableUnderHeading(README, 'Errors').map((row) => ({
    className: firstCodeSpan(row.Class ?? ''),
    code: firstCodeSpan(row.Code ?? ''),
  }));
  const classCodes = errorClassCodes();
  const allCodes = new Set<string>(Object.values(ErrorCode));

  it('reads the error classes from the source', () => {
    // A guard against a broken reader: these must always be found.
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

  it('has one row per class and code, and every code once', () => {
    const pairs = rows.map((row) => `${row.className}/${row.code}`);
    expect(pairs.length).toBe(new Set(pairs).size);
    expect(new Set(rows.map((row) => row.code))).toEqual(allCodes);
  });
});

describe('docs/errors.md', () => {
  const page = read('docs/errors.md');

  it('names every error code and every error class', () => {
    const names = [...Object.values(ErrorCode), ...errorClassCodes().keys(), 'SmmPanelError'];
    expect(names.filter((name) => !page.includes(`\`${name}\``))).toEqual([]);
  });
});
