import type { Evidence } from '../ledger/ledger.js';
import type { ReconcileReport, ScanCandidate } from './reconcile-report.js';

/** Options of {@link formatReconcileSummary}. */
export interface SummaryOptions {
  /** Items printed per section before "... and N more". Default: 20. */
  maxLinesPerSection?: number;
}

/** The defaults of {@link SummaryOptions}. */
export const SUMMARY_DEFAULTS = Object.freeze({
  /** Items printed per section: 20. */
  maxLinesPerSection: 20,
});

/**
 * The report as plain text for a person: what happened, then every section that has items,
 * the ones needing action first, then money. Matched orders are only counted.
 */
export function formatReconcileSummary(
  report: ReconcileReport,
  options: SummaryOptions = {},
): string {
  const limit = options.maxLinesPerSection ?? SUMMARY_DEFAULTS.maxLinesPerSection;
  const c = report.counts;
  if (report.isSkipped) {
    return `Skipped at ${new Date(report.finishedAt).toISOString()}: ${report.notes.join(' ')}\n`;
  }
  const lines: string[] = [
    `Reconciled ${report.panel} at ${new Date(report.finishedAt).toISOString()}: ` +
      `${c.entriesSeen} entries, ${c.polled} polled, ${c.terminalSkipped} final, ` +
      `${c.statusCalls} status calls (${c.scanCalls} scanning ${c.scannedIds} ids).`,
    report.needsAttention ? 'NEEDS ATTENTION: see the sections below.' : 'Nothing needs attention.',
    `matched ${c.matched}, updated ${c.updated}, refunds ${c.refunds}, unknown resolved ` +
      `${c.unknownResolved}, unknown open ${c.unknownOpen}, missing ${c.missingOnPanel}, ` +
      `charge mismatches ${c.chargeMismatches}, stuck ${c.stuck}, ambiguous ${c.ambiguous}, ` +
      `orphans ${c.orphans}, status errors ${c.statusErrors}.`,
  ];

  const section = <T>(
    title: string,
    count: number,
    items: readonly T[],
    line: (item: T) => string,
  ) => {
    if (count === 0) return;
    lines.push('', `${title} (${count}):`);
    for (const item of items.slice(0, limit)) lines.push(`  ${line(item)}`);
    if (count > Math.min(limit, items.length)) {
      lines.push(`  ... and ${count - Math.min(limit, items.length)} more (see --json)`);
    }
  };

  section(
    'Missing on the panel',
    c.missingOnPanel,
    report.missingOnPanel,
    (i) =>
      `${i.key}  order ${i.orderId}: "${i.message}" ` +
      `(last known ${i.lastKnownStatus ?? 'never seen'})`,
  );
  section(
    'Ambiguous (not adopted)',
    c.ambiguous,
    report.ambiguous,
    (i) =>
      `intents ${i.keys.join(', ')} / ` +
      `orders ${i.candidates.map(candidate).join(', ')}: ${i.detail}`,
  );
  section(
    'Unknown, still open',
    c.unknownOpen,
    report.unknownOpen,
    (i) => `${i.key} [${i.action}]: ${i.needed}${lastEvidence(i.evidence)}`,
  );
  section('Orphans (ours, claimed by no entry)', c.orphans, report.orphans, candidate);
  section(
    'Charge mismatches',
    c.chargeMismatches,
    report.chargeMismatches,
    (i) =>
      `${i.key}  order ${i.orderId}: charged ${i.charged} ${i.currency ?? ''}, expected ` +
      `${i.expected} ${i.expectedCurrency ?? ''} (difference ${i.difference})`,
  );
  section(
    'Stuck',
    c.stuck,
    report.stuck,
    (i) => `${i.key}  order ${i.orderId}: ${i.status} for ${Math.round(i.ageMs / 3_600_000)} h`,
  );
  section(
    'Status errors',
    c.statusErrors,
    report.statusErrors,
    (i) => `${i.key}  order ${i.orderId}: ${i.errorClass}: ${i.message}`,
  );
  section(
    'Unknown, resolved',
    c.unknownResolved,
    report.unknownResolved,
    (i) =>
      `${i.key}: ${i.state}${i.orderId === undefined ? '' : ` as order ${i.orderId}`} by ${i.how}` +
      lastEvidence(i.evidence),
  );
  section(
    'Updated',
    c.updated,
    report.updated,
    (i) => `${i.key}  order ${i.orderId}: ${i.from} -> ${i.to}`,
  );
  section(
    'Refunds',
    c.refunds,
    report.refunds,
    (i) =>
      `${i.key}  order ${i.orderId}: ${i.status}, refund ${i.refund ?? 'unknown'} ` +
      `${i.currency ?? ''} (charge ${i.charge ?? '?'}, remains ${i.remains ?? '?'}, ${i.basis})`,
  );

  lines.push('', 'Money (placed orders in the ledger):');
  if (report.money.currencies.length === 0) lines.push('  none');
  for (const row of report.money.currencies) {
    lines.push(
      `  ${row.currency}: charged ${row.charged}, refunded ${row.refunded}, net ${row.net} ` +
        `(${row.orders} orders)`,
    );
  }
  const balance = report.money.balance;
  if (balance !== undefined) {
    lines.push(
      `  balance ${balance.currency}: ${balance.starting} -> ${balance.now}, change ` +
        `${balance.change}, explained by the ledger ${balance.explained}: ` +
        (balance.addsUp ? 'adds up.' : `does NOT add up (difference ${balance.difference}).`),
    );
  }
  if (report.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of report.notes) lines.push(`  ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function candidate(item: ScanCandidate): string {
  return `${item.orderId} (${item.status}, ${item.charge ?? '?'} ${item.currency ?? ''})`.replace(
    ' )',
    ')',
  );
}

function lastEvidence(evidence: readonly Evidence[]): string {
  const last = evidence.at(-1);
  return last === undefined ? '' : `\n      evidence: ${last.kind}: ${last.detail}`;
}
