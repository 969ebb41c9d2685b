export {
  type BackoffInput,
  computeBackoffMs,
  type RetryDelayInput,
  retryDelayMs,
} from './backoff.js';
export {
  type ClassifyInput,
  classify,
  isOutcomeUnknown,
  mayHaveBeenProcessed,
  type RetryVerdict,
} from './classify.js';
export {
  type PlanRetryInput,
  planRetry,
  type RetryPlan,
  type RetryStopReason,
} from './plan-retry.js';
export { RETRY_BUDGET_DEFAULTS, RetryBudget, type RetryBudgetOptions } from './retry-budget.js';
export {
  RETRY_POLICY_DEFAULTS,
  type RetryPolicy,
  type RetryPolicyOptions,
  resolveRetryPolicy,
} from './retry-policy.js';
export {
  type AttemptContext,
  type GiveUpInfo,
  type RetryInfo,
  type RunWithRetryOptions,
  runWithRetry,
} from './run-with-retry.js';
