import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSmmPanelError } from '../../src/errors/guards.js';
import {
  createFetchTransport,
  FETCH_TRANSPORT_DEFAULTS,
} from '../../src/transport/fetch-transport.js';
import { SDK_VERSION } from '../../src/transport/version.js';

const SOURCE = fileURLToPath(new URL('../../src/transport/fetch-transport.ts', import.meta.url));

/** Every module the fetch transport loads at runtime, followed through relative imports. */
function runtimeImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    // `import type` and `export type` vanish at build time, so they cannot load undici.
    for (const match of source.matchAll(
      /^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms,
    )) {
      const specifier = match[1] as string;
      if (specifier.startsWith('.')) {
        pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      } else {
        packages.add(specifier);
      }
    }
  }
  return { files: [...files], packages: [...packages] };
}

describe('fetch transport options', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('keeps its defaults in one frozen constant', () => {
    expect(Object.isFrozen(FETCH_TRANSPORT_DEFAULTS)).toBe(true);
    expect(FETCH_TRANSPORT_DEFAULTS).toEqual({
      requestTimeoutMs: 20_000,
      maxResponseBytes: 16 * 1024 * 1024,
      userAgent: `smm-panel-client/${SDK_VERSION}`,
    });
  });

  it('builds with no options where the runtime has a global fetch', () => {
    const transport = createFetchTransport();

    expect(typeof transport.send).toBe('function');
    expect(typeof transport.close).toBe('function');
  });

  it('refuses to build without a fetch when the runtime has none, naming the option', () => {
    vi.stubGlobal('fetch', undefined);

    expect(() => createFetchTransport()).toThrow(expect.objectContaining({ option: 'fetch' }));
    expect(() =>
      createFetchTransport({ fetch: () => Promise.resolve(new Response()) }),
    ).not.toThrow();
  });

  it.each([
    ['fetch', 'not a function'],
    ['requestTimeoutMs', 0],
    ['requestTimeoutMs', -5],
    ['requestTimeoutMs', 1.5],
    ['requestTimeoutMs', Number.POSITIVE_INFINITY],
    ['requestTimeoutMs', 2 ** 31],
    ['maxResponseBytes', Number.NaN],
    ['maxResponseBytes', '1024'],
    ['userAgent', ''],
    ['userAgent', 'evil\r\nx-injected: 1'],
  ])('refuses %s = %s at construction, naming the option', (option, value) => {
    let thrown: unknown;
    try {
      createFetchTransport({ [option]: value });
    } catch (error) {
      thrown = error;
    }

    expect(isSmmPanelError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'SMM_INVALID_OPTIONS', option });
    expect((thrown as Error).message).toContain(option);
  });

  it('never loads undici, so it runs where undici does not', () => {
    const { files, packages } = runtimeImports(SOURCE);

    expect(files.length).toBeGreaterThan(3);
    expect(packages).toEqual([]);
    for (const file of files) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/from\s+'undici'/);
    }
  });
});
