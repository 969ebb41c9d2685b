import type { PanelAction } from '../api/actions.js';
import type { AnswerShape, ShapeResult } from '../api/answer-shapes.js';
import type { PanelId } from '../api/results.js';
import { chunk } from '../internal/chunk.js';
import { mapWithConcurrency } from '../internal/map-with-concurrency.js';
import type { CallOptions } from './client-options.js';
import type { RequestExecutor } from './request-executor.js';

type BatchShape = Extract<
  AnswerShape,
  'status_many' | 'refill_many' | 'refill_status_many' | 'cancel_many'
>;

/**
 * Splits a list of ids into calls of at most `batchLimit`, runs them with bounded
 * concurrency, and merges the answers in the order the ids were given. An id the panel left
 * out of its answer is reported as a `not_found` item rather than dropped silently.
 */
export class BatchRunner {
  constructor(
    private readonly executor: RequestExecutor,
    private readonly batchLimit: number,
    private readonly concurrency: number,
  ) {}

  async run<S extends BatchShape>(
    shape: S,
    action: PanelAction,
    field: string,
    ids: readonly PanelId[],
    options: CallOptions,
  ): Promise<ShapeResult[S]> {
    const slices = chunk(ids, this.batchLimit);
    const answers = await mapWithConcurrency(slices, this.concurrency, (slice) =>
      this.executor.call(shape, action, { [field]: slice.join(',') }, options),
    );

    // Items differ by shape; the merge only moves them, so it works on the common Map type.
    const merged = new Map<PanelId, unknown>();
    for (const [index, slice] of slices.entries()) {
      const answer = answers[index] as ReadonlyMap<PanelId, unknown>;
      for (const id of slice) merged.set(id, answer.get(id) ?? missingItem());
    }
    return merged as ShapeResult[S];
  }
}

function missingItem() {
  return {
    ok: false as const,
    errorClass: 'not_found' as const,
    message: 'The panel did not answer for this id',
  };
}
