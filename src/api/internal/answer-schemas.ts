import { z } from 'zod';
import type { AnswerShape, ShapeResult } from '../answer-shapes.js';
import { normaliseRefillStatus } from '../normalise-status.js';
import { normaliseFlag } from '../normalise-values.js';
import type { ItemError, PanelId } from '../results.js';
import { addSchema, balanceSchema, servicesSchema } from './catalogue-schemas.js';
import { errorTextOf } from './error-text-of.js';
import { orderStateSchema } from './order-state-schema.js';
import { idValue, statusWordValue } from './value-schemas.js';

/** A decoded answer: the value, or a refusal the panel nested inside a single answer. */
export type ShapeOutcome<T> = { value: T } | { rejected: ItemError };

/** One schema per answer shape. */
export type AnswerSchemas = { [K in AnswerShape]: z.ZodType<ShapeOutcome<ShapeResult[K]>> };

// Words a panel uses for "cancel accepted" besides 1 and true.
const ACCEPTED_WORDS = new Set(['ok', 'success', 'accepted']);

function value<T>(data: T): { value: T } {
  return { value: data };
}

/**
 * A batch answer as a list of objects, each naming its id in `keyField`. A single object with
 * that field (some panels drop the array for one id) is read as a list of one.
 */
function listOf<T>(keyField: string, item: z.ZodType<T>) {
  return z.preprocess(
    (raw) => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? [raw] : raw),
    z.array(z.looseObject({ [keyField]: idValue })).transform((entries, ctx) => {
      const items = new Map<PanelId, T>();
      for (const [index, entry] of entries.entries()) {
        const parsed = item.safeParse(entry);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: 'custom', message: issue.message, path: [index, ...issue.path] });
          }
          return z.NEVER;
        }
        items.set(entry[keyField] as PanelId, parsed.data);
      }
      return items;
    }),
  );
}

/**
 * An item error as the schemas leave it: the panel's raw text, class not yet decided. The
 * decoder classifies it with the profile's rules and redacts it; keeping that out of the
 * schemas lets them be built once.
 */
function toItemError(text: string): ItemError {
  return { ok: false, errorClass: 'unknown', message: text };
}

/**
 * Builds the schemas for every answer shape. Per-item errors inside batch answers become
 * items with `ok: false` (unclassified, see `toItemError`): data about that item, not a
 * failure of the call.
 */
function buildAnswerSchemas(): AnswerSchemas {
  const itemError = z.unknown().transform((raw, ctx): ItemError => {
    const text = errorTextOf(raw);
    if (text === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected {"error": text}' });
      return z.NEVER;
    }
    return toItemError(text);
  });

  const cancelValue = z
    .unknown()
    .transform((raw, ctx): { ok: true; accepted: true } | ItemError => {
      const text = errorTextOf(raw);
      if (text !== undefined) return toItemError(text);
      if (normaliseFlag(raw)) return { ok: true, accepted: true };
      if (typeof raw === 'string' && ACCEPTED_WORDS.has(raw.trim().toLowerCase())) {
        return { ok: true, accepted: true };
      }
      if (typeof raw === 'string' && raw.trim().length > 0) return toItemError(raw);
      if (raw === undefined || raw === null) {
        ctx.addIssue({ code: 'custom', message: 'expected a cancel result' });
        return z.NEVER;
      }
      // `0` or `false`: refused without a reason. Not accepted, and no family can be told.
      return { ok: false, errorClass: 'unknown', message: String(raw) };
    });

  const refillId = idValue.transform((refill) => ({ ok: true as const, refill }));
  const refillStatus = statusWordValue.transform((rawStatus) => ({
    ok: true as const,
    status: normaliseRefillStatus(rawStatus),
    rawStatus,
  }));
  const orderStateItem = z.union([
    itemError,
    orderStateSchema.transform((state) => ({ ok: true as const, ...state })),
  ]);

  const statusKeyed = z
    .record(z.string(), orderStateItem)
    .transform((keyed) => new Map(Object.entries(keyed)));
  const statusList = listOf('order', orderStateItem);

  return {
    services: servicesSchema.transform(value),
    balance: balanceSchema.transform(value),
    add: addSchema.transform(value),
    status: orderStateSchema.transform(value),
    // Keyed by id as documented; a list of `{order, ...}` objects is read too.
    status_many: z.unknown().transform((raw, ctx) => {
      const parsed = Array.isArray(raw) ? statusList.safeParse(raw) : statusKeyed.safeParse(raw);
      if (parsed.success) return value(parsed.data);
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
      return z.NEVER;
    }),
    refill: z
      .object({ refill: z.union([itemError, refillId]) })
      .transform(({ refill }) =>
        refill.ok ? value({ refill: refill.refill }) : { rejected: refill },
      ),
    refill_many: listOf(
      'order',
      z.union([
        itemError,
        z.object({ refill: z.union([itemError, refillId]) }).transform((e) => e.refill),
      ]),
    ).transform(value),
    refill_status: z
      .object({ status: z.union([itemError, refillStatus]) })
      .transform(({ status }) =>
        status.ok
          ? value({ status: status.status, rawStatus: status.rawStatus })
          : { rejected: status },
      ),
    refill_status_many: listOf(
      'refill',
      z.union([
        itemError,
        z.object({ status: z.union([itemError, refillStatus]) }).transform((e) => e.status),
      ]),
    ).transform(value),
    cancel: z
      .preprocess(
        (raw) => (Array.isArray(raw) && raw.length === 1 ? raw[0] : raw),
        z.object({ cancel: cancelValue }),
      )
      .transform(({ cancel }) =>
        cancel.ok ? value({ accepted: true as const }) : { rejected: cancel },
      ),
    cancel_many: listOf(
      'order',
      z.union([itemError, z.object({ cancel: cancelValue }).transform((e) => e.cancel)]),
    ).transform(value),
  };
}

/** The schema of every answer shape, built once. */
export const ANSWER_SCHEMAS: AnswerSchemas = buildAnswerSchemas();
