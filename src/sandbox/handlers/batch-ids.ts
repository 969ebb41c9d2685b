import { MAX_BATCH_SIZE } from '../../api/actions.js';
import { missingParameterText, SANDBOX_ERROR_TEXTS as TEXTS } from '../panel-texts.js';

/** The ids of a batch field, or the panel's refusal. */
export type BatchIds = { ok: true; ids: string[] } | { ok: false; error: string };

/**
 * Splits `1,2, 3` into ids, trimmed, blanks dropped, repeats answered once. More than
 * {@link MAX_BATCH_SIZE} distinct ids are refused as a whole rather than cut short, so a client
 * that sends too many learns it at once instead of losing the tail silently.
 */
export function parseBatchIds(text: string | undefined, field: string): BatchIds {
  const ids = [
    ...new Set(
      (text ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    ),
  ];
  if (ids.length === 0) return { ok: false, error: missingParameterText(field) };
  if (ids.length > MAX_BATCH_SIZE) return { ok: false, error: TEXTS.tooManyIds };
  return { ok: true, ids };
}

/** Whether a request carries a field, even blank. */
export function hasField(params: ReadonlyMap<string, string>, name: string): boolean {
  return params.has(name);
}
