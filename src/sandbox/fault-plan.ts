import { InvalidOptionsError } from '../errors/input-errors.js';
import {
  type ResolvedFault,
  resolveFault,
  SANDBOX_FAULT_KINDS,
  type SandboxFaultKind,
  type SandboxFaultRule,
  type SandboxFaultSpec,
  type SandboxFaultStep,
  type SandboxFaultTarget,
} from './fault-kinds.js';
import { createSeededRandom, type RandomSource } from './seeded-random.js';

interface ActiveRule {
  rate: number;
  faults: ResolvedFault[];
  random: RandomSource;
}

const ANY = '*';

function targetsOf(target: SandboxFaultTarget, option: string): string[] {
  const list = typeof target === 'string' ? [target] : [...target];
  if (list.length === 0 || list.some((entry) => typeof entry !== 'string' || entry.length === 0)) {
    throw new InvalidOptionsError(option, 'must be an action, a list of actions, or "*"');
  }
  return list;
}

function checkFault(fault: SandboxFaultKind | SandboxFaultSpec, option: string): ResolvedFault {
  const kind = typeof fault === 'string' ? fault : fault?.kind;
  if (!SANDBOX_FAULT_KINDS.includes(kind)) {
    throw new InvalidOptionsError(option, `unknown fault kind ${JSON.stringify(kind)}`);
  }
  const resolved = resolveFault(fault);
  if (!Number.isFinite(resolved.delayMs) || resolved.delayMs < 0) {
    throw new InvalidOptionsError(option, 'delayMs must be a finite number >= 0');
  }
  if (!Number.isFinite(resolved.retryAfterSeconds) || resolved.retryAfterSeconds < 0) {
    throw new InvalidOptionsError(option, 'retryAfterSeconds must be a finite number >= 0');
  }
  return resolved;
}

/**
 * Which fault, if any, the next request of an action gets. Scripts come first (consumed one step
 * per matching request, `ok` included); then the random rule for the action, else the `*` rule.
 */
export class FaultPlan {
  private readonly rules = new Map<string, ActiveRule>();
  private readonly scripts = new Map<string, (ResolvedFault | 'ok')[]>();
  private readonly defaultSeed: number;

  constructor(defaultSeed: number) {
    this.defaultSeed = defaultSeed;
  }

  /** Installs a random rule, replacing the earlier rule of the same actions. */
  setRule(rule: SandboxFaultRule): void {
    const targets = targetsOf(rule?.action, 'faults.set.action');
    if (typeof rule.rate !== 'number' || !(rule.rate >= 0 && rule.rate <= 1)) {
      throw new InvalidOptionsError('faults.set.rate', 'must be a number from 0 to 1');
    }
    if (!Array.isArray(rule.kinds) || rule.kinds.length === 0) {
      throw new InvalidOptionsError('faults.set.kinds', 'must be a non-empty list of fault kinds');
    }
    const faults = rule.kinds.map((fault) => checkFault(fault, 'faults.set.kinds'));
    const seed = rule.seed ?? this.defaultSeed;
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new InvalidOptionsError('faults.set.seed', 'must be a whole number >= 0');
    }
    // One generator per call, shared by its actions, so the draws follow the order of requests.
    const random = createSeededRandom(seed);
    for (const target of targets) this.rules.set(target, { rate: rule.rate, faults, random });
  }

  /** Appends steps to the script of one action (or `*`). */
  addScript(action: string, steps: readonly SandboxFaultStep[]): void {
    targetsOf(action as SandboxFaultTarget, 'faults.script.action');
    if (!Array.isArray(steps))
      throw new InvalidOptionsError('faults.script.steps', 'must be a list');
    const resolved = steps.map((step) =>
      step === 'ok' ? ('ok' as const) : checkFault(step, 'faults.script.steps'),
    );
    this.scripts.set(action, [...(this.scripts.get(action) ?? []), ...resolved]);
  }

  /** Forgets rules and scripts, of one action or of all. */
  clear(action?: string): void {
    if (action === undefined) {
      this.rules.clear();
      this.scripts.clear();
      return;
    }
    this.rules.delete(action);
    this.scripts.delete(action);
  }

  /** Steps left in the script of an action (or `*`). */
  scriptLength(action: string): number {
    return this.scripts.get(action)?.length ?? 0;
  }

  /** The fault for the next request of `action`, or `undefined` to answer normally. */
  take(action: string): ResolvedFault | undefined {
    for (const key of [action, ANY]) {
      const script = this.scripts.get(key);
      if (script !== undefined && script.length > 0) {
        const step = script.shift();
        return step === 'ok' ? undefined : step;
      }
    }
    const rule = this.rules.get(action) ?? this.rules.get(ANY);
    if (rule === undefined) return undefined;
    // Two draws per request whether or not a fault fires, so one seed replays one sequence.
    const roll = rule.random();
    const pick = rule.random();
    if (roll >= rule.rate) return undefined;
    return rule.faults[Math.floor(pick * rule.faults.length)];
  }
}
