import type { PanelAction } from '../api/actions.js';
import type { SandboxFaultRule, SandboxFaultStep } from './fault-kinds.js';
import type { FaultPlan } from './fault-plan.js';
import type { SandboxFaultCounts } from './inspection-types.js';

/**
 * The fault control of a running sandbox (`panel.faults`). Faults are decided per request, after
 * the body is read (so the action is known) and before anything else, the rate limit included.
 *
 * @example
 * panel.faults.set({
 *   action: 'add',
 *   rate: 0.2,
 *   kinds: ['reset_after_commit', 'http_503'],
 *   seed: 7,
 * });
 * panel.faults.script('add', [
 *   'reset_after_commit',
 *   'ok',
 *   { kind: 'http_429', retryAfterSeconds: 2 },
 * ]);
 * panel.faults.clear();
 */
export interface SandboxFaults {
  /**
   * Injects faults at random into matching requests: each gets one of `kinds` with chance
   * `rate`, drawn from `seed` (default: the panel's seed), so a run can be replayed. Replaces an
   * earlier rule for the same actions. Throws `InvalidOptionsError` for a bad rule.
   */
  set(rule: SandboxFaultRule): void;
  /**
   * Queues faults for the next requests of `action` (or `*`), one step per request; `'ok'`
   * lets one through. Scripts are consumed before random rules apply.
   */
  script(action: PanelAction | '*', steps: readonly SandboxFaultStep[]): void;
  /** Removes rules and scripts: those of one action (or `*`), or all when none is given. */
  clear(action?: PanelAction | '*'): void;
  /** Steps still queued for `action` (or `*`). */
  pending(action: PanelAction | '*'): number;
  /** What was injected so far (the same as `panel.state.faultsInjected()`). */
  injected(): SandboxFaultCounts;
}

/** The fault control over one plan; `counts` reads the injections recorded in the state. */
export function createSandboxFaults(
  plan: FaultPlan,
  counts: () => SandboxFaultCounts,
): SandboxFaults {
  return Object.freeze({
    set: (rule: SandboxFaultRule) => plan.setRule(rule),
    script: (action: PanelAction | '*', steps: readonly SandboxFaultStep[]) =>
      plan.addScript(action, steps),
    clear: (action?: PanelAction | '*') => plan.clear(action),
    pending: (action: PanelAction | '*') => plan.scriptLength(action),
    injected: counts,
  });
}
