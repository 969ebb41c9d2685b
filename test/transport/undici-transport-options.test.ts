import { readFileSync } from 'node:fs';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { isSmmPanelError } from '../../src/errors/guards.js';
import { createUndiciTransport } from '../../src/transport/undici-transport.js';
import {
  resolveUndiciTransportOptions,
  UNDICI_TRANSPORT_DEFAULTS,
} from '../../src/transport/undici-transport-options.js';
import { SDK_VERSION } from '../../src/transport/version.js';

describe('undici transport options', () => {
  it('fills every default from one frozen constant', () => {
    const resolved = resolveUndiciTransportOptions();

    expect(Object.isFrozen(UNDICI_TRANSPORT_DEFAULTS)).toBe(true);
    expect(resolved).toEqual({ ...UNDICI_TRANSPORT_DEFAULTS, dispatcher: undefined });
    expect(UNDICI_TRANSPORT_DEFAULTS).toMatchObject({
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 30_000,
      bodyTimeoutMs: 30_000,
      requestTimeoutMs: 20_000,
      maxResponseBytes: 16 * 1024 * 1024,
      connections: 16,
      keepAliveTimeoutMs: 30_000,
    });
  });

  it('puts the package version in the default user agent, matching package.json', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );

    expect(SDK_VERSION).toBe(manifest.version);
    expect(UNDICI_TRANSPORT_DEFAULTS.userAgent).toBe(`smm-panel-client/${manifest.version}`);
  });

  it('keeps given values', () => {
    const dispatcher = new MockAgent();

    const resolved = resolveUndiciTransportOptions({
      connectTimeoutMs: 1,
      maxResponseBytes: 2048,
      userAgent: 'me/2',
      dispatcher,
    });

    expect(resolved).toMatchObject({
      connectTimeoutMs: 1,
      maxResponseBytes: 2048,
      userAgent: 'me/2',
    });
    expect(resolved.dispatcher).toBe(dispatcher);
  });

  it.each([
    ['connectTimeoutMs', 0],
    ['headersTimeoutMs', -5],
    ['bodyTimeoutMs', 1.5],
    ['requestTimeoutMs', Number.POSITIVE_INFINITY],
    ['requestTimeoutMs', 2 ** 31],
    ['maxResponseBytes', Number.NaN],
    ['connections', '16'],
    ['keepAliveTimeoutMs', 0],
    ['userAgent', ''],
    ['userAgent', 'evil\r\nx-injected: 1'],
    ['dispatcher', {}],
  ])('refuses %s = %s at construction, naming the option', (option, value) => {
    let thrown: unknown;
    try {
      createUndiciTransport({ [option]: value });
    } catch (error) {
      thrown = error;
    }

    expect(isSmmPanelError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'SMM_INVALID_OPTIONS', option });
    expect((thrown as Error).message).toContain(option);
  });
});
