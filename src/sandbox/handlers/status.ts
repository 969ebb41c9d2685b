import { missingParameterText } from '../panel-texts.js';
import { orderStatusAnswer } from '../status-answer.js';
import { hasField, parseBatchIds } from './batch-ids.js';
import { type ActionHandler, ok, panelError } from './panel-answer.js';

/**
 * `status`: with `orders`, an object keyed by each id asked for (per-id errors inside); with
 * `order`, that order's answer alone, an unknown id answering `{"error": "Incorrect order ID"}`.
 */
export const handleStatus: ActionHandler = ({ store, params }) => {
  store.settle();
  if (hasField(params, 'orders')) {
    const batch = parseBatchIds(params.get('orders'), 'orders');
    if (!batch.ok) return panelError(batch.error);
    const answer: Record<string, unknown> = {};
    for (const id of batch.ids) answer[id] = orderStatusAnswer(store, id);
    // A JS object puts numeric keys first in ascending order; panels keep the order asked for.
    const entries = batch.ids.map((id) => `${JSON.stringify(id)}:${JSON.stringify(answer[id])}`);
    const json = `{${entries.join(',')}}`;
    return { ...ok(answer), json };
  }
  const id = params.get('order')?.trim() ?? '';
  if (id === '') return panelError(missingParameterText('order'));
  return ok(orderStatusAnswer(store, id));
};
