import type { PanelAction } from './actions.js';
import type {
  Balance,
  BatchResult,
  CancelItem,
  OrderState,
  OrderStateItem,
  PanelId,
  PlacedOrder,
  RefillItem,
  RefillStatus,
  RefillStatusItem,
  Service,
} from './results.js';

/**
 * What each answer shape decodes to. A shape is an action plus its form: `status` asked with
 * `order=` answers one state, with `orders=` a batch keyed by id.
 */
export interface ShapeResult {
  services: Service[];
  balance: Balance;
  add: PlacedOrder;
  status: OrderState;
  /** Keyed by the order id as the panel wrote it. */
  status_many: BatchResult<OrderStateItem>;
  refill: { refill: PanelId };
  /** Keyed by order id. */
  refill_many: BatchResult<RefillItem>;
  refill_status: { status: RefillStatus; rawStatus: string };
  /** Keyed by refill id. */
  refill_status_many: BatchResult<RefillStatusItem>;
  /** A cancel asked with `order=`, on the panels that accept it. */
  cancel: { accepted: true };
  /** Keyed by order id. */
  cancel_many: BatchResult<CancelItem>;
}

/** The name of an answer shape. */
export type AnswerShape = keyof ShapeResult;

/** The action each shape answers, for errors and logs. */
export const ANSWER_SHAPE_ACTIONS: Readonly<Record<AnswerShape, PanelAction>> = Object.freeze({
  services: 'services',
  balance: 'balance',
  add: 'add',
  status: 'status',
  status_many: 'status',
  refill: 'refill',
  refill_many: 'refill',
  refill_status: 'refill_status',
  refill_status_many: 'refill_status',
  cancel: 'cancel',
  cancel_many: 'cancel',
});

/** Every answer shape. */
export const ANSWER_SHAPES: readonly AnswerShape[] = Object.freeze(
  Object.keys(ANSWER_SHAPE_ACTIONS) as AnswerShape[],
);
