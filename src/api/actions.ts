/** The actions of the panel API (the `action` form field). */
export type PanelAction =
  | 'services'
  | 'add'
  | 'status'
  | 'refill'
  | 'refill_status'
  | 'cancel'
  | 'balance';

/** Actions that only read: they may be retried freely. */
export const READ_ACTIONS: ReadonlySet<PanelAction> = new Set([
  'services',
  'status',
  'balance',
  'refill_status',
]);

/** The most ids one `status`, `refill`, `refill_status` or `cancel` call may carry. */
export const MAX_BATCH_SIZE = 100;
