import { refillOrder } from '../order-actions.js';
import { missingParameterText } from '../panel-texts.js';
import { answerId } from '../status-answer.js';
import { hasField, parseBatchIds } from './batch-ids.js';
import { type ActionHandler, ok, panelError } from './panel-answer.js';

/**
 * `refill`: with `order`, `{"refill": "1"}` or an error; with `orders`, a list
 * `[{"order": 1, "refill": 1}, {"order": 3, "refill": {"error": "..."}}]`.
 */
export const handleRefill: ActionHandler = ({ store, params }) => {
  if (hasField(params, 'orders')) {
    const batch = parseBatchIds(params.get('orders'), 'orders');
    if (!batch.ok) return panelError(batch.error);
    return ok(
      batch.ids.map((id) => {
        const outcome = refillOrder(store, id);
        return {
          order: answerId(id),
          refill: outcome.ok ? outcome.refillId : { error: outcome.error },
        };
      }),
    );
  }
  const id = params.get('order')?.trim() ?? '';
  if (id === '') return panelError(missingParameterText('order'));
  const outcome = refillOrder(store, id);
  return outcome.ok ? ok({ refill: String(outcome.refillId) }) : panelError(outcome.error);
};
