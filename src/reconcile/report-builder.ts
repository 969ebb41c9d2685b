import type { Evidence } from '../ledger/ledger.js';
import type {
  MoneyReport,
  ReconcileCounts,
  ReconcileReport,
  ReportSections,
  UnknownOpenItem,
} from './reconcile-report.js';

type SectionName = keyof ReportSections;

const SECTION_NAMES: readonly SectionName[] = [
  'matched',
  'updated',
  'missingOnPanel',
  'statusErrors',
  'chargeMismatches',
  'refunds',
  'stuck',
  'unknownResolved',
  'unknownOpen',
  'ambiguous',
  'orphans',
];

/** Sections whose items always need a person. */
const ATTENTION_SECTIONS: readonly SectionName[] = [
  'missingOnPanel',
  'statusErrors',
  'chargeMismatches',
  'stuck',
  'ambiguous',
  'orphans',
];

/**
 * Collects report items as a run finds them: every item is counted, only the first
 * `maxItems` of each section are kept, so a million matched orders cost a counter, not a list.
 */
export class ReportBuilder {
  readonly counts: ReconcileCounts = {
    entriesSeen: 0,
    polled: 0,
    terminalSkipped: 0,
    statusCalls: 0,
    scanCalls: 0,
    scannedIds: 0,
    failedCalls: 0,
    matched: 0,
    updated: 0,
    missingOnPanel: 0,
    statusErrors: 0,
    chargeMismatches: 0,
    refunds: 0,
    stuck: 0,
    unknownResolved: 0,
    unknownOpen: 0,
    ambiguous: 0,
    orphans: 0,
  };
  readonly notes: string[] = [];
  readonly #sections: ReportSections = {
    matched: [],
    updated: [],
    missingOnPanel: [],
    statusErrors: [],
    chargeMismatches: [],
    refunds: [],
    stuck: [],
    unknownResolved: [],
    unknownOpen: [],
    ambiguous: [],
    orphans: [],
  };
  readonly #maxItems: number;
  #hasHumanOpenItem = false;

  constructor(maxItems: number) {
    this.#maxItems = maxItems;
  }

  /** Counts an item and keeps it if its section has room. */
  add<S extends SectionName>(section: S, item: ReportSections[S][number]): void {
    this.counts[section] += 1;
    if (section === 'unknownOpen' && (item as UnknownOpenItem).action === 'human') {
      this.#hasHumanOpenItem = true;
    }
    const list = this.#sections[section] as ReportSections[S][number][];
    if (list.length < this.#maxItems) list.push(item);
  }

  /** Adds a note once. */
  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** The finished report. */
  build(meta: {
    panel: string;
    startedAt: number;
    finishedAt: number;
    isSkipped: boolean;
    money: MoneyReport;
  }): ReconcileReport {
    const isTruncated = SECTION_NAMES.some(
      (name) => this.#sections[name].length < this.counts[name],
    );
    const needsAttention =
      ATTENTION_SECTIONS.some((name) => this.counts[name] > 0) ||
      this.#hasHumanOpenItem ||
      this.counts.failedCalls > 0 ||
      meta.money.balance?.addsUp === false;
    return {
      panel: meta.panel,
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      needsAttention,
      isSkipped: meta.isSkipped,
      counts: { ...this.counts },
      isTruncated,
      money: meta.money,
      notes: [...this.notes],
      ...this.#sections,
    };
  }
}

/** Copies evidence for a report, so later ledger changes cannot alter it. */
export function copyEvidence(evidence: readonly Evidence[]): Evidence[] {
  return evidence.map((item) => ({
    ...item,
    ...(item.orderIds ? { orderIds: [...item.orderIds] } : {}),
  }));
}
