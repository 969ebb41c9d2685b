import { describe, expect, it } from 'vitest';
import { impliedRefund, refundBasisOf } from '../../src/reconcile/implied-refund.js';

describe('implied refunds', () => {
  it('gives back the undelivered share of the first charge, exactly', () => {
    const basis = refundBasisOf({ service: '1', link: 'x', quantity: '1000' });
    expect(basis).toEqual({ kind: 'units', total: 1000 });
    expect(impliedRefund('partial', '0.9', 250, basis)).toEqual({
      amount: '0.225',
      basis: 'units',
    });
    expect(impliedRefund('canceled', '0.09', 37, refundBasisOf({ quantity: '100' })).amount).toBe(
      '0.0333',
    );
  });

  it('counts every run of a drip-feed, and never more than was ordered', () => {
    const basis = refundBasisOf({ quantity: '100', runs: '5', interval: '10' });
    expect(basis).toEqual({ kind: 'units', total: 500 });
    expect(impliedRefund('partial', '0.725', 100, basis).amount).toBe('0.145');
    expect(impliedRefund('canceled', '0.725', 9_999, basis).amount).toBe('0.725');
  });

  it('gives back a whole package when anything remains, and nothing when it was delivered', () => {
    const basis = refundBasisOf({ service: '5', link: 'x' });
    expect(basis).toEqual({ kind: 'package' });
    expect(impliedRefund('canceled', '4.50', 1, basis)).toEqual({
      amount: '4.5',
      basis: 'package',
    });
    expect(impliedRefund('canceled', '4.50', 0, basis).amount).toBe('0');
  });

  it('needs the service type to price a list of comments, and counts its lines once known', () => {
    const params = { service: '7', link: 'x', comments: 'a\nb\n\nc\nd' };
    expect(refundBasisOf(params)).toEqual({ kind: 'needs_type' });
    expect(refundBasisOf(params, 'Custom Comments')).toEqual({ kind: 'units', total: 4 });
    expect(refundBasisOf(params, 'custom_comments_package')).toEqual({ kind: 'package' });
    expect(impliedRefund('partial', '0.032', 1, { kind: 'needs_type' })).toEqual({
      amount: undefined,
      basis: 'unknown',
    });
  });

  it('prices a subscription by max × posts', () => {
    expect(refundBasisOf({ username: 'u', min: '10', max: '100', delay: '0', posts: '3' })).toEqual(
      { kind: 'units', total: 300 },
    );
  });

  it('refunds everything for Refunded, nothing for running or completed orders, and says when it cannot tell', () => {
    const basis = refundBasisOf({ quantity: '100' });
    expect(impliedRefund('refunded', '0.09', undefined, basis).amount).toBe('0.09');
    expect(impliedRefund('completed', '0.09', 0, basis).amount).toBe('0');
    expect(impliedRefund('partial', '0.09', undefined, basis)).toEqual({
      amount: undefined,
      basis: 'unknown',
    });
    expect(impliedRefund('partial', undefined, 10, basis).amount).toBeUndefined();
  });
});
