import { formatBalance } from '../money.js';
import { type ActionHandler, ok } from './panel-answer.js';

/** `balance`: `{"balance": "1000.00000", "currency": "USD"}`, after refunds time has brought. */
export const handleBalance: ActionHandler = ({ store }) => {
  store.settle();
  return ok({ balance: formatBalance(store.balance), currency: store.options.currency });
};
