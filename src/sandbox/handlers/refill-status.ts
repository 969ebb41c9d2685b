import { missingParameterText } from '../panel-texts.js';
import { answerId, refillStatusAnswer } from '../status-answer.js';
import { hasField, parseBatchIds } from './batch-ids.js';
import { type ActionHandler, ok, panelError } from './panel-answer.js';

/**
 * `refill_status`: with `refill`, `{"status": "Completed"}` or an error; with `refills`, a list
 * `[{"refill": 1, "status": "Completed"}, {"refill": 3, "status": {"error": "Refill not found"}}]`.
 */
export const handleRefillStatus: ActionHandler = ({ store, params }) => {
  if (hasField(params, 'refills')) {
    const batch = parseBatchIds(params.get('refills'), 'refills');
    if (!batch.ok) return panelError(batch.error);
    return ok(
      batch.ids.map((id) => {
        const answer = refillStatusAnswer(store, id);
        return {
          refill: answerId(id),
          status: 'error' in answer ? { error: answer.error } : answer.status,
        };
      }),
    );
  }
  const id = params.get('refill')?.trim() ?? '';
  if (id === '') return panelError(missingParameterText('refill'));
  return ok(refillStatusAnswer(store, id));
};
