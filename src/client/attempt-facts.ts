import { isSmmPanelError } from '../errors/guards.js';
import type { AttemptRecord } from '../ledger/ledger.js';

type AttemptFacts = Pick<
  AttemptRecord,
  'sendState' | 'httpStatus' | 'errorCode' | 'errorClass' | 'excerpt'
>;

/**
 * Whether a failed attempt may have placed the order: the request was (maybe) written and
 * no trustworthy answer came back, or the panel answered with something that is not its
 * API (a proxy page, broken JSON, a body without an id).
 */
export function mayHaveBeenProcessed(error: unknown): boolean {
  if (!isSmmPanelError(error)) return true;
  switch (error.code) {
    case 'SMM_PANEL_UNAVAILABLE':
    case 'SMM_INVALID_RESPONSE':
      return true;
    case 'SMM_PANEL_REJECTED':
    case 'SMM_RATE_LIMITED':
    case 'SMM_LEDGER_FAILED':
    case 'SMM_RETRY_BUDGET_EXHAUSTED':
    case 'SMM_INVALID_INPUT':
      return false;
    default: {
      const sendState = (error as { sendState?: string }).sendState;
      return sendState !== 'not_sent';
    }
  }
}

/** The facts of a failed attempt for the ledger's attempt log: codes, never the raw body. */
export function describeAttempt(error: unknown): AttemptFacts {
  if (!isSmmPanelError(error)) return { errorCode: 'SMM_UNEXPECTED' };
  const fields = error as unknown as Record<string, unknown>;
  const facts: AttemptFacts = { errorCode: error.code };
  const sendState = fields.sendState;
  if (sendState === 'not_sent' || sendState === 'maybe_sent' || sendState === 'answered') {
    facts.sendState = sendState;
  } else if (typeof fields.httpStatus === 'number') {
    facts.sendState = 'answered';
  }
  if (typeof fields.httpStatus === 'number') facts.httpStatus = fields.httpStatus;
  if (typeof fields.errorClass === 'string') {
    facts.errorClass = fields.errorClass as AttemptFacts['errorClass'];
  }
  const excerpt = fields.excerpt ?? fields.panelMessage;
  if (typeof excerpt === 'string') facts.excerpt = excerpt.slice(0, 200);
  return facts;
}
