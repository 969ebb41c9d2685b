import type { z } from 'zod';
import { type InputIssue, InvalidInputError } from '../errors/input-errors.js';
import { formatDay } from './internal/order-field-schemas.js';
import {
  FORM_FIELD_NAMES,
  type InputFieldName,
  ORDER_INPUT_SCHEMAS,
} from './internal/order-input-schemas.js';
import type { OrderInput } from './order-input-types.js';
import { ORDER_TYPES, type OrderType } from './order-types.js';

function toIssues(issues: readonly z.core.$ZodIssue[], type: OrderType): InputIssue[] {
  return issues.flatMap((issue): InputIssue[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: `is not a field of ${type} orders`,
      }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

function refuse(type: string, issues: InputIssue[]): never {
  const summary = issues.map((issue) => `${issue.path || 'input'} ${issue.message}`).join('; ');
  throw new InvalidInputError(`Invalid ${type} order: ${summary}`, issues);
}

function encodeValue(value: unknown): string {
  if (Array.isArray(value)) return value.join('\n');
  if (value instanceof Date) return formatDay(value);
  return String(value);
}

/**
 * Checks an order against its type's rules and turns it into the `add` form fields.
 *
 * Returns the fields in snake case (`answer_number`, `old_posts`), lists joined with `\n`,
 * numbers as decimal text and a Date expiry as `d/m/Y` (UTC), followed by `extra`. It never
 * adds `key` or `action`: the client does.
 *
 * @throws InvalidInputError before anything is sent: an unknown type, a missing or malformed
 *   field (quantities are positive whole numbers, links `http(s)` URLs, lists non-empty with
 *   no blank entries), a field the type does not take, or an `extra` field that would replace
 *   `key`, `action` or a typed field. Each issue names its field.
 */
export function encodeOrderInput(input: OrderInput): Record<string, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    refuse('unknown', [{ path: '', message: 'must be an object' }]);
  }

  const type: unknown = input.type ?? 'default';
  if (typeof type !== 'string' || !(ORDER_TYPES as readonly string[]).includes(type)) {
    refuse('unknown', [{ path: 'type', message: `must be one of ${ORDER_TYPES.join(', ')}` }]);
  }

  const orderType = type as OrderType;
  const parsed = ORDER_INPUT_SCHEMAS[orderType].safeParse(input);
  if (!parsed.success) refuse(orderType, toIssues(parsed.error.issues, orderType));

  const checked = parsed.data as Record<string, unknown> & { extra?: Record<string, string> };
  const form: Record<string, string> = {};
  for (const [field, value] of Object.entries(checked)) {
    if (field === 'type' || field === 'extra' || value === undefined) continue;
    form[FORM_FIELD_NAMES[field as InputFieldName]] = encodeValue(value);
  }
  return { ...form, ...checked.extra };
}
