import type { OrderInput } from '../../src/api/order-input-types.js';
import type { OrderType } from '../../src/api/order-types.js';

export const LINK = 'https://example.test/p/1';

// One valid order per type, with the form it must produce.
export const VALID: Record<OrderType, { input: OrderInput; form: Record<string, string> }> = {
  default: {
    input: { service: 1, link: LINK, quantity: 100, runs: 5, interval: 30 },
    form: { service: '1', link: LINK, quantity: '100', runs: '5', interval: '30' },
  },
  package: {
    input: { type: 'package', service: '7', link: LINK },
    form: { service: '7', link: LINK },
  },
  seo: {
    input: {
      type: 'seo',
      service: 2,
      link: LINK,
      quantity: 10,
      keywords: ['smm panel', 'buy likes'],
    },
    form: { service: '2', link: LINK, quantity: '10', keywords: 'smm panel\nbuy likes' },
  },
  custom_comments: {
    input: { type: 'custom_comments', service: 3, link: LINK, comments: ['Nice!', 'Great post'] },
    form: { service: '3', link: LINK, comments: 'Nice!\nGreat post' },
  },
  custom_comments_package: {
    input: { type: 'custom_comments_package', service: 4, link: LINK, comments: ['Wow'] },
    form: { service: '4', link: LINK, comments: 'Wow' },
  },
  mentions: {
    input: { type: 'mentions', service: 5, link: LINK, quantity: 20, usernames: ['alice', 'bob'] },
    form: { service: '5', link: LINK, quantity: '20', usernames: 'alice\nbob' },
  },
  mentions_with_hashtags: {
    input: {
      type: 'mentions_with_hashtags',
      service: 6,
      link: LINK,
      quantity: 20,
      usernames: ['alice'],
      hashtags: ['#sun', '#sea'],
    },
    form: { service: '6', link: LINK, quantity: '20', usernames: 'alice', hashtags: '#sun\n#sea' },
  },
  mentions_custom_list: {
    input: { type: 'mentions_custom_list', service: 7, link: LINK, usernames: ['carol'] },
    form: { service: '7', link: LINK, usernames: 'carol' },
  },
  mentions_hashtag: {
    input: { type: 'mentions_hashtag', service: 8, link: LINK, quantity: 30, hashtag: '#travel' },
    form: { service: '8', link: LINK, quantity: '30', hashtag: '#travel' },
  },
  mentions_user_followers: {
    input: {
      type: 'mentions_user_followers',
      service: 9,
      link: LINK,
      quantity: 30,
      username: 'dave',
    },
    form: { service: '9', link: LINK, quantity: '30', username: 'dave' },
  },
  mentions_media_likers: {
    input: {
      type: 'mentions_media_likers',
      service: 10,
      link: LINK,
      quantity: 30,
      media: 'https://example.test/p/2',
    },
    form: { service: '10', link: LINK, quantity: '30', media: 'https://example.test/p/2' },
  },
  comment_likes: {
    input: { type: 'comment_likes', service: 11, link: LINK, quantity: 40, username: 'erin' },
    form: { service: '11', link: LINK, quantity: '40', username: 'erin' },
  },
  comment_replies: {
    input: {
      type: 'comment_replies',
      service: 12,
      link: LINK,
      username: 'erin',
      comments: ['Agreed'],
    },
    form: { service: '12', link: LINK, username: 'erin', comments: 'Agreed' },
  },
  poll: {
    input: { type: 'poll', service: 13, link: LINK, quantity: 50, answerNumber: 2 },
    form: { service: '13', link: LINK, quantity: '50', answer_number: '2' },
  },
  invites_from_groups: {
    input: {
      type: 'invites_from_groups',
      service: 14,
      link: LINK,
      quantity: 60,
      groups: ['g1', 'g2'],
    },
    form: { service: '14', link: LINK, quantity: '60', groups: 'g1\ng2' },
  },
  subscriptions: {
    input: {
      type: 'subscriptions',
      service: 15,
      username: 'frank',
      min: 100,
      max: 200,
      delay: 0,
      posts: 10,
      oldPosts: 5,
      expiry: new Date(Date.UTC(2025, 11, 31)),
    },
    form: {
      service: '15',
      username: 'frank',
      min: '100',
      max: '200',
      delay: '0',
      posts: '10',
      old_posts: '5',
      expiry: '31/12/2025',
    },
  },
  web_traffic: {
    input: {
      type: 'web_traffic',
      service: 16,
      link: LINK,
      quantity: 1000,
      country: 'US',
      device: 2,
      typeOfTraffic: 1,
      googleKeyword: 'best shoes',
    },
    form: {
      service: '16',
      link: LINK,
      quantity: '1000',
      country: 'US',
      device: '2',
      type_of_traffic: '1',
      google_keyword: 'best shoes',
    },
  },
};
