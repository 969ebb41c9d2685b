import type { OrderStateItem, PanelId } from '../api/results.js';
import { isPanelRejectedError, isSmmPanelError } from '../errors/guards.js';
import type { Evidence, LedgerEntry, PanelOrderState } from '../ledger/ledger.js';
import { refundBasisOf } from './implied-refund.js';
import { MoneyTally } from './money-tally.js';
import type { ReconcileProgress, ResolvedReconcilerOptions } from './reconciler-options.js';
import { ReportBuilder } from './report-builder.js';
import { UnknownCollector } from './unknown-collector.js';

/**
 * The state of one reconciliation run, shared by its phases: options, the report being
 * built, the money tally, what the unknown resolution needs, and the counted `status` calls.
 */
export class RunContext {
  readonly options: ResolvedReconcilerOptions;
  readonly report: ReportBuilder;
  readonly money = new MoneyTally();
  readonly collector: UnknownCollector;
  readonly startedAt: number;
  /** Ids per `status` call: the profile's batch limit, at most 100. */
  readonly batchSize: number;
  /** The cursor of the last ledger page read, to find entries added during the run. */
  lastPageCursor: string | undefined;
  #serviceTypes: Promise<Map<PanelId, string> | undefined> | undefined;

  constructor(options: ResolvedReconcilerOptions) {
    this.options = options;
    this.report = new ReportBuilder(options.maxReportItems);
    this.collector = new UnknownCollector({ clockSkewMs: options.clockSkewMs });
    this.startedAt = options.now();
    this.batchSize = Math.min(100, options.client.profile.batchLimit);
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** One counted `status` call for at most `batchSize` distinct ids. */
  async status(ids: PanelId[], kind: 'pass' | 'scan'): Promise<Map<PanelId, OrderStateItem>> {
    this.options.signal?.throwIfAborted();
    this.report.counts.statusCalls += 1;
    if (kind === 'scan') {
      this.report.counts.scanCalls += 1;
      this.report.counts.scannedIds += ids.length;
    }
    const signal = this.options.signal;
    return this.options.client.status(ids, signal === undefined ? {} : { signal });
  }

  /**
   * Like {@link status}, but a call that still fails after the client's retries yields
   * `undefined` (counted and noted) so the run goes on with what it can read; the ids are then
   * reported unread. Aborts, a refused API key, and anything that is not an SDK error still
   * end the run: going on would only repeat them.
   */
  async tryStatus(
    ids: PanelId[],
    kind: 'pass' | 'scan',
  ): Promise<Map<PanelId, OrderStateItem> | undefined> {
    try {
      return await this.status(ids, kind);
    } catch (error) {
      const isAuth = isPanelRejectedError(error) && error.errorClass === 'auth';
      if (this.options.signal?.aborted || isAuth || !isSmmPanelError(error)) throw error;
      this.report.counts.failedCalls += 1;
      this.report.note(
        `Some status calls failed after the client's retries (${error.code}: ${error.message}); ` +
          'their orders are reported unread and a later run reads them again.',
      );
      return undefined;
    }
  }

  /** Tells the caller how far the run is. */
  progress(phase: ReconcileProgress['phase']): void {
    const progress: ReconcileProgress = {
      entriesSeen: this.report.counts.entriesSeen,
      statusCalls: this.report.counts.statusCalls,
      phase,
    };
    this.options.client.reportReconcileProgress?.({ ...progress });
    this.options.onProgress?.(progress);
  }

  /**
   * How an entry's price splits, for its refund. Loads the catalogue once, and only when the
   * parameters alone cannot tell (a list of comments: per line, or a flat package).
   */
  async refundBasis(entry: LedgerEntry) {
    const basis = refundBasisOf(entry.params);
    if (basis.kind !== 'needs_type' || entry.params.service === undefined) return basis;
    const types = await this.#loadServiceTypes();
    return refundBasisOf(entry.params, types?.get(entry.params.service));
  }

  /** Writes evidence unless the entry already holds the same fact. */
  async addEvidence(
    key: string,
    stored: readonly Evidence[],
    evidence: Evidence,
  ): Promise<boolean> {
    const isKnown = stored.some(
      (item) => item.kind === evidence.kind && item.detail === evidence.detail,
    );
    if (isKnown) return false;
    await this.options.ledger.addEvidence(key, evidence);
    return true;
  }

  /** Stores a panel state and tallies the entry's money as it now stands. */
  async applyState(entry: LedgerEntry, state: PanelOrderState, refund: string | undefined) {
    await this.options.ledger.updatePanelState(entry.key, state, refund);
    const { expectedCharge, currency } = entry;
    this.money.add({ expectedCharge, currency, panelState: state, refund: refund ?? entry.refund });
  }

  #loadServiceTypes(): Promise<Map<PanelId, string> | undefined> {
    const services = this.options.client.services?.bind(this.options.client);
    this.#serviceTypes ??= (async () => {
      if (services === undefined) return undefined;
      try {
        const signal = this.options.signal;
        const list = await services(signal === undefined ? {} : { signal });
        return new Map(list.map((service) => [service.id, service.type]));
      } catch {
        // Without the catalogue such refunds are reported as not computable, not guessed.
        this.report.note('The service catalogue could not be read: some refunds are unknown.');
        return undefined;
      }
    })();
    return this.#serviceTypes;
  }
}
