import { isSmmPanelError } from '../errors/guards.js';
import type { AttemptRecord } from '../ledger/ledger.js';

type AttemptFacts = Pick<
  AttemptRecord,
  'sendState' | 'httpStatus' | 'errorCode' | 'errorClass' | 'excerpt'
>;

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
