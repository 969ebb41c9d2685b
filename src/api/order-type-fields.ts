import type { z } from 'zod';
import { ORDER_INPUT_SCHEMAS } from './internal/order-input-schemas.js';
import { ORDER_TYPES, type OrderType } from './order-types.js';

// Fields every order input has; the per-type list leaves them out.
const COMMON_FIELDS: ReadonlySet<string> = new Set(['type', 'service', 'extra']);

/**
 * The input fields an order type takes beyond `type`, `service` and `extra`, read from the same
 * schema that validates it (so the list cannot drift from what is accepted).
 */
export const ORDER_TYPE_FIELDS: Readonly<Record<OrderType, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    ORDER_TYPES.map((type) => {
      const shape = (ORDER_INPUT_SCHEMAS[type] as unknown as z.ZodObject).shape;
      return [type, Object.freeze(Object.keys(shape).filter((f) => !COMMON_FIELDS.has(f)))];
    }),
  ) as Record<OrderType, readonly string[]>,
);
