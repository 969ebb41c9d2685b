import type { PanelAction } from '../api/actions.js';

/**
 * A failure the sandbox can inject into one request.
 *
 * | kind | processed? | what the client sees |
 * |---|---|---|
 * | `delay` | yes | the normal answer, `delayMs` late (processed first, answered after the wait) |
 * | `reset_before_commit` | no | the connection reset after the request was read |
 * | `reset_after_commit` | yes | the connection reset, no answer |
 * | `hang_after_commit` | yes | no answer until the client gives up (or the sandbox closes) |
 * | `http_429` | no | 429, `{"error": "Too Many Requests"}`, `Retry-After` |
 * | `http_503` | no | 503, `{"error": "Service temporarily unavailable"}`, `Retry-After` |
 * | `html_502` | `processed` (default yes) | 502 with a proxy's HTML page |
 * | `broken_json` | yes | HTTP 200 with the answer cut short (`{"order":100`) |
 * | `error_200` | no | HTTP 200, `{"error": "Something went wrong, please try again"}` |
 */
export type SandboxFaultKind =
  | 'delay'
  | 'reset_before_commit'
  | 'reset_after_commit'
  | 'hang_after_commit'
  | 'http_429'
  | 'http_503'
  | 'html_502'
  | 'broken_json'
  | 'error_200';

/** Every fault kind, for validation and loops. */
export const SANDBOX_FAULT_KINDS: readonly SandboxFaultKind[] = Object.freeze([
  'delay',
  'reset_before_commit',
  'reset_after_commit',
  'hang_after_commit',
  'http_429',
  'http_503',
  'html_502',
  'broken_json',
  'error_200',
]);

/** A fault with its settings; a bare kind uses {@link SANDBOX_FAULT_DEFAULTS}. */
export type SandboxFaultSpec =
  | { kind: 'delay'; delayMs?: number }
  | { kind: 'http_429' | 'http_503'; retryAfterSeconds?: number }
  | { kind: 'html_502'; processed?: boolean }
  | {
      kind:
        | 'reset_before_commit'
        | 'reset_after_commit'
        | 'hang_after_commit'
        | 'broken_json'
        | 'error_200';
    };

/** One step of a fault script: a fault, or `ok` for a request answered normally. */
export type SandboxFaultStep = SandboxFaultKind | SandboxFaultSpec | 'ok';

/** The requests a fault rule or script applies to: one action, several, or `*` for all. */
export type SandboxFaultTarget = PanelAction | '*' | readonly PanelAction[];

/** A rule that injects faults at random, reproducibly from its seed. */
export interface SandboxFaultRule {
  /** Which actions it applies to. A rule for one action wins over the `*` rule. */
  action: SandboxFaultTarget;
  /** Chance, 0 to 1, that a matching request gets a fault. */
  rate: number;
  /** The faults to choose from, with equal chance. */
  kinds: readonly (SandboxFaultKind | SandboxFaultSpec)[];
  /** The seed of this rule's draws. Default: the panel's `seed` option. */
  seed?: number;
}

/** Settings used when a fault does not give its own. */
export const SANDBOX_FAULT_DEFAULTS = Object.freeze({
  /** How long `delay` holds the answer, in milliseconds. Default: 1000. */
  delayMs: 1000,
  /** The `Retry-After` of `http_429` and `http_503`, in seconds. Default: 1. */
  retryAfterSeconds: 1,
  /**
   * Whether `html_502` processes the request before the proxy page is sent. Default: `true`, so
   * an `add` behind it is the ambiguous case a client must not retry blindly.
   */
  html502Processed: true,
});

/** A fault chosen for one request, with every setting filled in. */
export interface ResolvedFault {
  kind: SandboxFaultKind;
  delayMs: number;
  retryAfterSeconds: number;
  /** Whether the panel processes the request before the fault shows. */
  isProcessed: boolean;
}

const PROCESSED: ReadonlySet<SandboxFaultKind> = new Set([
  'delay',
  'reset_after_commit',
  'hang_after_commit',
  'broken_json',
]);

/** Fills in a fault's settings. */
export function resolveFault(fault: SandboxFaultKind | SandboxFaultSpec): ResolvedFault {
  const spec: SandboxFaultSpec =
    typeof fault === 'string' ? ({ kind: fault } as SandboxFaultSpec) : fault;
  const delayMs = 'delayMs' in spec ? spec.delayMs : undefined;
  const retryAfterSeconds = 'retryAfterSeconds' in spec ? spec.retryAfterSeconds : undefined;
  const processed = 'processed' in spec ? spec.processed : undefined;
  return {
    kind: spec.kind,
    delayMs: delayMs ?? SANDBOX_FAULT_DEFAULTS.delayMs,
    retryAfterSeconds: retryAfterSeconds ?? SANDBOX_FAULT_DEFAULTS.retryAfterSeconds,
    isProcessed:
      spec.kind === 'html_502'
        ? (processed ?? SANDBOX_FAULT_DEFAULTS.html502Processed)
        : PROCESSED.has(spec.kind),
  };
}
