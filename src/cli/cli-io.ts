import { maskSecrets } from '../internal/mask-secrets.js';

/** Where the CLI reads its settings and writes its output; injected so tests can capture it. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  };
}

/** Replaces every occurrence of each secret with `[REDACTED]` (see `maskSecrets`). */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return maskSecrets(text, secrets);
}
