export { MAX_BATCH_SIZE, type PanelAction, READ_ACTIONS } from './actions.js';
export {
  ANSWER_SHAPE_ACTIONS,
  ANSWER_SHAPES,
  type AnswerShape,
  type ShapeResult,
} from './answer-shapes.js';
export {
  DECODE_DEFAULTS,
  type DecodedAnswer,
  type DecodeOptions,
  decodeAnswer,
} from './decode-answer.js';
export { normaliseOrderStatus, normaliseRefillStatus } from './normalise-status.js';
export {
  normaliseCount,
  normaliseFlag,
  normaliseId,
  normaliseMoney,
  normaliseText,
} from './normalise-values.js';
export {
  type CommentLikesOrderInput,
  type CommentRepliesOrderInput,
  type CustomCommentsOrderInput,
  type CustomCommentsPackageOrderInput,
  type DefaultOrderInput,
  encodeOrderInput,
  type InvitesFromGroupsOrderInput,
  type MentionsCustomListOrderInput,
  type MentionsHashtagOrderInput,
  type MentionsMediaLikersOrderInput,
  type MentionsOrderInput,
  type MentionsUserFollowersOrderInput,
  type MentionsWithHashtagsOrderInput,
  type OrderInput,
  type OrderInputBase,
  type PackageOrderInput,
  type PollOrderInput,
  type SeoOrderInput,
  type SubscriptionsOrderInput,
  type WebTrafficOrderInput,
} from './order-input.js';
export {
  ORDER_TYPE_DISPLAY_NAMES,
  ORDER_TYPES,
  type OrderType,
  orderTypeDisplayName,
  orderTypeFromServiceType,
} from './order-types.js';
export { type LosslessJsonResult, parseLosslessJson } from './parse-lossless-json.js';
export type {
  Balance,
  BatchResult,
  CancelItem,
  ItemError,
  Money,
  OrderState,
  OrderStateItem,
  OrderStatus,
  PanelId,
  PlacedOrder,
  RefillItem,
  RefillStatus,
  RefillStatusItem,
  Service,
} from './results.js';
export { TERMINAL_ORDER_STATUSES } from './results.js';
export { retryAfterMsFromHeaders } from './retry-after.js';
