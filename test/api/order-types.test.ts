import { describe, expect, it } from 'vitest';
import {
  ORDER_TYPES,
  orderTypeDisplayName,
  orderTypeFromServiceType,
} from '../../src/api/order-types.js';

describe('order types', () => {
  it('lists all seventeen types of the panel API', () => {
    expect(ORDER_TYPES).toHaveLength(17);
    expect(ORDER_TYPES[0]).toBe('default');
  });

  it.each([
    ['Default', 'default'],
    ['default', 'default'],
    ['Subscriptions ', 'subscriptions'],
    ['Custom Comments', 'custom_comments'],
    ['custom_comments_package', 'custom_comments_package'],
    ['Mentions with Hashtags', 'mentions_with_hashtags'],
    ['MENTIONS  HASHTAG', 'mentions_hashtag'],
    ['Invites from Groups', 'invites_from_groups'],
    ['SEO', 'seo'],
    ['Web-Traffic', 'web_traffic'],
    ['', 'default'],
  ])('reads the service type %j as %s', (raw, type) => {
    expect(orderTypeFromServiceType(raw)).toBe(type);
  });

  it('answers undefined for a type it does not know', () => {
    expect(orderTypeFromServiceType('Story Views Premium')).toBeUndefined();
  });

  it('round-trips every type through its display name', () => {
    for (const type of ORDER_TYPES) {
      expect(orderTypeFromServiceType(orderTypeDisplayName(type))).toBe(type);
    }
    expect(orderTypeDisplayName('custom_comments')).toBe('Custom Comments');
  });
});
