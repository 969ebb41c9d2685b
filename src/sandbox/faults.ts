import type { PanelAction } from '../api/actions.js';
import type { SandboxFaultRule, SandboxFaultStep } from './fault-kinds.js';
import type { FaultPlan } from './fault-plan.js';
import type { SandboxFaultCounts } from './inspection-types.js';

/**
 * The fault control of a running sandbox (`panel.faults`). Faults are decided per request, after
 * the body is read (so the action is known) and before anything else.
 *
 * @example
 * panel.faults.set({ action: 'add', rate: 0.2, kinds: ['reset_after_commit', 'http_503'], seed: 7 });
 * panel.faults.script('add', ['reset_after_commit', 'ok', { kind: 'http_429', retryAfterSeconds: 2 }]);
 * panel.faults.clear();
 */
export class SandboxFaults {
  readonly #plan: FaultPlan;
  readonly #counts: () => SandboxFaultCounts;

  /** Made by `startSandboxPanel`; not meant to be built by hand. */
  constructor(plan: FaultPlan, counts: () => SandboxFaultCounts) {
    this.#plan = plan;
    this.#counts = counts;
  }

  /**
   * Injects faults at random into matching requests: each gets one of `kinds` with chance
   * `rate`, drawn from `seed` (default: the panel's seed), so a run can be replayed. Replaces an
   * earlier rule for the same actions. Throws `InvalidOptionsError` for a bad rule.
   */
  set(rule: SandboxFaultRule): void {
    this.#plan.setRule(rule);
  }

  /**
   * Queues faults for the next requests of `action` (or `*`), one step per request; `'ok'`
   * lets one through. Scripts are consumed before random rules apply.
   */
  script(action: PanelAction | '*', steps: readonly SandboxFaultStep[]): void {
    this.#plan.addScript(action, steps);
  }

  /** Removes rules and scripts: those of one action (or `*`), or all when none is given. */
  clear(action?: PanelAction | '*'): void {
    this.#plan.clear(action);
  }

  /** Steps still queued for `action` (or `*`). */
  pending(action: PanelAction | '*'): number {
    return this.#plan.scriptLength(action);
  }

  /** What was injected so far (the same as `panel.state.faultsInjected()`). */
  injected(): SandboxFaultCounts {
    return this.#counts();
  }
}
