import { describe, expect, it } from 'vitest';
import { normaliseOrderStatus, normaliseRefillStatus } from '../../src/api/normalise-status.js';

describe('normaliseOrderStatus', () => {
  it.each([
    ['Pending', 'pending'],
    ['In progress', 'in_progress'],
    ['in_progress', 'in_progress'],
    ['inprogress', 'in_progress'],
    ['IN-PROGRESS', 'in_progress'],
    ['Processing', 'processing'],
    ['Completed', 'completed'],
    ['COMPLETED', 'completed'],
    ['Complete', 'completed'],
    ['Partial', 'partial'],
    ['Canceled', 'canceled'],
    ['Cancelled', 'canceled'],
    ['Refunded', 'refunded'],
    ['Active', 'active'],
    ['Error', 'error'],
    ['Fail', 'error'],
    ['Failed', 'error'],
    [' pending ', 'pending'],
  ])('reads %j as %s', (raw, status) => {
    expect(normaliseOrderStatus(raw)).toBe(status);
  });

  it('answers unknown for a word it does not know', () => {
    expect(normaliseOrderStatus('On hold by provider')).toBe('unknown');
    expect(normaliseOrderStatus('')).toBe('unknown');
  });
});

describe('normaliseRefillStatus', () => {
  it.each([
    ['Pending', 'pending'],
    ['In progress', 'in_progress'],
    ['Processing', 'processing'],
    ['Completed', 'completed'],
    ['Rejected', 'rejected'],
    ['Error', 'error'],
    ['failed', 'error'],
  ])('reads %j as %s', (raw, status) => {
    expect(normaliseRefillStatus(raw)).toBe(status);
  });

  it('answers unknown for an order-only word', () => {
    expect(normaliseRefillStatus('Partial')).toBe('unknown');
  });
});
