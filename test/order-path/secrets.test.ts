import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PanelClient } from '../../src/client/panel-client.js';
import { isSmmPanelError } from '../../src/errors/guards.js';
import { openFileLedger } from '../../src/ledger/file-ledger.js';
import {
  SANDBOX_FAULT_KINDS,
  type SandboxFaultStep,
  type SandboxPanel,
} from '../../src/sandbox/index.js';
import { runCli } from '../cli/helpers/run-cli.js';
import {
  clientFor,
  closedPortUrl,
  FAST_TRANSPORT,
  SECRET_KEY,
  startPanel,
  uniqueLink,
} from '../client/helpers/sandbox-client.js';
import { startFixedAnswerServer } from './helpers/fixed-answer-server.js';

// The API key must not leave the POST body: not in an error (message, JSON, toJSON, cause,
// inspect), a log line, an event, the ledger file, or the CLI's output, whatever fails.

/** Every text an error can show: its chain of causes, each as message, JSON and inspect. */
function textsOf(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth += 1) {
    texts.push(String(current), JSON.stringify(current) ?? '', inspect(current, { depth: 8 }));
    if (current instanceof Error) texts.push(current.message, current.stack ?? '');
    if (isSmmPanelError(current)) texts.push(JSON.stringify(current.toJSON()));
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

const HANG_MS = 300;

describe('the API key appears nowhere', () => {
  let panel: SandboxPanel;
  let directory: string;
  const seen: string[] = [];
  const failures: unknown[] = [];

  /** A logger that keeps every line it is given, at every level. */
  const logger = {
    isLevelEnabled: () => true,
    debug: (object: Record<string, unknown>, message: string) =>
      seen.push(message, inspect(object, { depth: 8 })),
    info: (object: Record<string, unknown>, message: string) =>
      seen.push(message, inspect(object, { depth: 8 })),
    warn: (object: Record<string, unknown>, message: string) =>
      seen.push(message, inspect(object, { depth: 8 })),
    error: (object: Record<string, unknown>, message: string) =>
      seen.push(message, inspect(object, { depth: 8 })),
  };

  function watched(client: PanelClient): PanelClient {
    for (const event of [
      'request',
      'response',
      'retry',
      'giveUp',
      'outcomeUnknown',
      'ledgerWrite',
    ] as const) {
      client.on(event, (payload: unknown) => seen.push(inspect(payload, { depth: 8 })));
    }
    return client;
  }

  async function capture(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      failures.push(error);
    }
  }

  beforeAll(async () => {
    panel = await startPanel({ apiKey: SECRET_KEY });
    directory = await mkdtemp(join(tmpdir(), 'smm-secrets-'));
  });

  afterAll(async () => {
    await panel.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('through every fault kind, a bad key, an echoing panel, the ledger file and the CLI', async () => {
    const ledgerPath = join(directory, 'ledger.jsonl');
    const ledger = await openFileLedger({ path: ledgerPath });
    // One attempt per call, so that every fault surfaces as the error it causes; hangs end
    // after 300 ms.
    const client = watched(
      clientFor(panel, {
        ledger,
        logger,
        retry: { maxAttempts: 1, deadlineMs: 2_000 },
        transportOptions: { requestTimeoutMs: HANG_MS },
      }),
    );
    try {
      for (const kind of SANDBOX_FAULT_KINDS) {
        const step: SandboxFaultStep = kind === 'delay' ? { kind, delayMs: HANG_MS + 200 } : kind;
        panel.faults.script('add', [step]);
        await capture(() => client.order({ service: 1, link: uniqueLink(kind), quantity: 100 }));
        panel.faults.script('status', [step]);
        await capture(() => client.status('10000'));
      }
      await capture(() => client.order({ service: 1, link: uniqueLink(), quantity: 10 }));
      await capture(() => client.status('424242'));
      await capture(() => client.cancel('424242'));
    } finally {
      panel.faults.clear();
      await client.close();
      await ledger.close();
    }

    // The key is right but the panel does not know it, or echoes it back in its error.
    const stranger = await startPanel();
    const echo = await startFixedAnswerServer(200, { error: `Invalid API key ${SECRET_KEY}` });
    const html = await startFixedAnswerServer(502, `<html>${SECRET_KEY}</html>`);
    const refused = await closedPortUrl();
    try {
      for (const url of [stranger.url, echo.url, html.url, refused]) {
        const other = watched(
          new PanelClient({
            profile: { url, apiKey: SECRET_KEY },
            retry: { maxAttempts: 1 },
            transportOptions: FAST_TRANSPORT,
            logger,
          }),
        );
        await capture(() => other.balance());
        await capture(() => other.order({ service: 1, link: uniqueLink(), quantity: 100 }));
        await other.close();
      }

      const env = { SMM_PANEL_URL: echo.url, SMM_PANEL_KEY: SECRET_KEY };
      const cliRuns = [
        await runCli(['balance'], env),
        await runCli(['balance', '--json'], env),
        await runCli(['status', '1', '2'], env),
        await runCli(['order', '--service', '1', '--link', 'x', '--ledger', 'memory'], env),
        await runCli(
          [
            'order',
            '--service',
            '1',
            '--link',
            'https://example.test/e',
            '--quantity',
            '100',
            '--ledger',
            'memory',
            '--json',
          ],
          env,
        ),
        await runCli(['services'], { SMM_PANEL_URL: stranger.url, SMM_PANEL_KEY: SECRET_KEY }),
      ];
      for (const run of cliRuns) seen.push(run.stdout, run.stderr);
      expect(cliRuns.every((run) => run.exitCode === 1)).toBe(true);
    } finally {
      await stranger.close();
      await echo.close();
      await html.close();
    }

    // Enough happened for the search to mean something.
    expect(failures.length).toBeGreaterThanOrEqual(SANDBOX_FAULT_KINDS.length + 8);
    expect(seen.length).toBeGreaterThan(50);

    // The echoing panel's text did come back, with the key cut out of it.
    expect(
      failures.flatMap(textsOf).some((text) => text.includes('Invalid API key [REDACTED]')),
    ).toBe(true);

    const ledgerBytes = await readFile(ledgerPath, 'utf8');
    expect(ledgerBytes.length).toBeGreaterThan(1_000);
    const everything = [...failures.flatMap(textsOf), ...seen, ledgerBytes];
    const leaks = everything.filter((text) => text.includes(SECRET_KEY));
    expect(leaks.map((text) => text.slice(0, 300))).toEqual([]);
    // And not a recognisable part of it either.
    expect(everything.filter((text) => text.includes(SECRET_KEY.slice(-16)))).toEqual([]);
  }, 30_000);
});
