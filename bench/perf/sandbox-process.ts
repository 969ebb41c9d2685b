import { type ChildProcess, fork } from 'node:child_process';
import type { SandboxFaultRule } from '../../src/sandbox/index.js';

/** The sandbox running in a child process (see `sandbox-child.ts`). */
export interface SandboxProcess {
  readonly url: string;
  readonly apiKey: string;
  /** The child's CPU time so far (user + system, microseconds). */
  cpuMicros(): Promise<number>;
  /** Sets one fault rule on the sandbox, or clears every rule with `null`. */
  setFaults(rule: SandboxFaultRule | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * Forks the sandbox child (`sandbox-child.ts`, or its bundle) with the given Node flags and
 * resolves once it listens.
 */
export async function startSandboxProcess(
  childPath: string,
  execArgv: string[],
): Promise<SandboxProcess> {
  const child = fork(childPath, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ url: string; apiKey: string }>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`sandbox exited early (${code})`));
    child.once('exit', onExit);
    child.once('message', (message: { type: string; url: string; apiKey: string }) => {
      child.off('exit', onExit);
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`unexpected first message from the sandbox: ${message.type}`));
    });
  });
  return new ChildSandbox(child, ready.url, ready.apiKey);
}

class ChildSandbox implements SandboxProcess {
  readonly #child: ChildProcess;
  readonly url: string;
  readonly apiKey: string;
  #nextId = 0;
  readonly #waiting = new Map<number, (micros: number) => void>();

  constructor(child: ChildProcess, url: string, apiKey: string) {
    this.#child = child;
    this.url = url;
    this.apiKey = apiKey;
    child.on('message', (message: { type: string; id: number; micros?: number }) => {
      if (message.type !== 'cpu' && message.type !== 'faults') return;
      this.#waiting.get(message.id)?.(message.micros ?? 0);
      this.#waiting.delete(message.id);
    });
  }

  cpuMicros(): Promise<number> {
    return this.#ask({ type: 'cpu' });
  }

  async setFaults(rule: SandboxFaultRule | null): Promise<void> {
    await this.#ask({ type: 'faults', rule });
  }

  #ask(message: Record<string, unknown>): Promise<number> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#child.send({ ...message, id });
    });
  }

  close(): Promise<void> {
    if (this.#child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.#child.once('exit', () => resolve());
      this.#child.send({ type: 'close' });
    });
  }
}
