import { timingSafeEqual } from 'node:crypto';
import type { PanelAction } from '../../api/actions.js';
import { SANDBOX_ERROR_TEXTS as TEXTS } from '../panel-texts.js';
import { handleAdd } from './add.js';
import { handleBalance } from './balance.js';
import { handleCancel } from './cancel.js';
import type { ActionHandler, HandlerContext, PanelAnswer } from './panel-answer.js';
import { panelError } from './panel-answer.js';
import { handleRefill } from './refill.js';
import { handleRefillStatus } from './refill-status.js';
import { handleServices } from './services.js';
import { handleStatus } from './status.js';

const HANDLERS: Readonly<Record<PanelAction, ActionHandler>> = Object.freeze({
  services: handleServices,
  add: handleAdd,
  status: handleStatus,
  refill: handleRefill,
  refill_status: handleRefillStatus,
  cancel: handleCancel,
  balance: handleBalance,
});

function isKnownAction(action: string): action is PanelAction {
  return Object.hasOwn(HANDLERS, action);
}

function isRightKey(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Answers one decoded request as the panel would: the key first (`Invalid API key`, HTTP 200),
 * then the action (`Incorrect request` for an unknown or missing one).
 */
export function dispatchRequest(context: HandlerContext): PanelAnswer {
  const { params, store } = context;
  if (!isRightKey(params.get('key')?.trim(), store.options.apiKey)) {
    return panelError(TEXTS.invalidKey);
  }
  const action = params.get('action')?.trim() ?? '';
  if (!isKnownAction(action)) return panelError(TEXTS.incorrectRequest);
  return HANDLERS[action](context);
}
