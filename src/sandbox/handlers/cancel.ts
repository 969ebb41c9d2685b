import { cancelOrder } from '../order-actions.js';
import { missingParameterText } from '../panel-texts.js';
import { answerId } from '../status-answer.js';
import { hasField, parseBatchIds } from './batch-ids.js';
import { type ActionHandler, ok, panelError } from './panel-answer.js';

/**
 * `cancel`: with `orders`, `[{"order": 9, "cancel": {"error": "..."}}, {"order": 2, "cancel": 1}]`;
 * with `order` alone, `{"cancel": 1}` or `{"error": "..."}`. `1` means the cancel was accepted:
 * the order shows `Canceled`, and its remains are refunded, `cancelDelayMs` later.
 */
export const handleCancel: ActionHandler = ({ store, params }) => {
  if (hasField(params, 'orders')) {
    const batch = parseBatchIds(params.get('orders'), 'orders');
    if (!batch.ok) return panelError(batch.error);
    return ok(
      batch.ids.map((id) => {
        const outcome = cancelOrder(store, id);
        return { order: answerId(id), cancel: outcome.ok ? 1 : { error: outcome.error } };
      }),
    );
  }
  const id = params.get('order')?.trim() ?? '';
  if (id === '') return panelError(missingParameterText('orders'));
  const outcome = cancelOrder(store, id);
  return outcome.ok ? ok({ cancel: 1 }) : panelError(outcome.error);
};
