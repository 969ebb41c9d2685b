import type { OrderInput } from '../../../src/api/order-input-types.js';
import type { OrderType } from '../../../src/api/order-types.js';

const lines = (count: number, word: string): string[] =>
  Array.from({ length: count }, (_, index) => `${word}${index}`);

/**
 * One order per type that the default sandbox catalogue accepts, for the service of that type
 * and a link of the caller's choosing (within each service's min and max).
 */
export function sandboxOrderInput(type: OrderType, service: string, link: string): OrderInput {
  switch (type) {
    case 'default':
      return { service, link, quantity: 100 };
    case 'package':
      return { type, service, link };
    case 'seo':
      return { type, service, link, quantity: 500, keywords: ['smm panel', 'buy likes'] };
    case 'custom_comments':
      return { type, service, link, comments: lines(12, 'Nice post ') };
    case 'custom_comments_package':
      return { type, service, link, comments: lines(3, 'Wow ') };
    case 'mentions':
      return { type, service, link, quantity: 200, usernames: ['alice', 'bob'] };
    case 'mentions_with_hashtags':
      return { type, service, link, quantity: 100, usernames: ['alice'], hashtags: ['#sun'] };
    case 'mentions_custom_list':
      return { type, service, link, usernames: lines(10, 'user') };
    case 'mentions_hashtag':
      return { type, service, link, quantity: 300, hashtag: 'cats' };
    case 'mentions_user_followers':
      return { type, service, link, quantity: 100, username: 'someone' };
    case 'mentions_media_likers':
      return { type, service, link, quantity: 100, media: `${link}/media` };
    case 'comment_likes':
      return { type, service, link, quantity: 50, username: 'fan' };
    case 'comment_replies':
      return { type, service, link, username: 'fan', comments: lines(5, 'Reply ') };
    case 'poll':
      return { type, service, link, quantity: 1000, answerNumber: 2 };
    case 'invites_from_groups':
      return { type, service, link, quantity: 100, groups: ['g1', 'g2'] };
    case 'subscriptions':
      // Subscriptions target a username; the link is folded into it so each test's is unique.
      return {
        type,
        service,
        username: `user_${link.replace(/\W+/g, '_').slice(-24)}`,
        min: 100,
        max: 200,
        delay: 0,
        posts: 2,
      };
    case 'web_traffic':
      return {
        type,
        service,
        link,
        quantity: 1000,
        country: 'US',
        device: 1,
        typeOfTraffic: 1,
        googleKeyword: 'cheap shoes',
      };
  }
}

/** An input of each type that breaks one rule of that type, and the path the error must name. */
export function invalidOrderInput(type: OrderType, service: string): [unknown, string] {
  const link = 'https://example.test/bad';
  switch (type) {
    case 'default':
      return [{ service, link, quantity: 0 }, 'quantity'];
    case 'package':
      return [{ type, service, link: 'not a link' }, 'link'];
    case 'seo':
      return [{ type, service, link, quantity: 500, keywords: [] }, 'keywords'];
    case 'custom_comments':
      return [{ type, service, link, comments: ['ok', '   '] }, 'comments.1'];
    case 'custom_comments_package':
      return [{ type, service, link, comments: ['a\nb'] }, 'comments.0'];
    case 'mentions':
      return [{ type, service, link, quantity: 200 }, 'usernames'];
    case 'mentions_with_hashtags':
      return [
        { type, service, link, quantity: 100, usernames: ['a'], hashtags: [''] },
        'hashtags.0',
      ];
    case 'mentions_custom_list':
      return [{ type, service, link: 'example.test', usernames: ['a'] }, 'link'];
    case 'mentions_hashtag':
      return [{ type, service, link, quantity: 300, hashtag: '' }, 'hashtag'];
    case 'mentions_user_followers':
      return [{ type, service, link, quantity: 100, username: 'two words' }, 'username'];
    case 'mentions_media_likers':
      return [{ type, service, link, quantity: 100, media: 'not a url' }, 'media'];
    case 'comment_likes':
      return [{ type, service, link, quantity: -5, username: 'fan' }, 'quantity'];
    case 'comment_replies':
      return [{ type, service, link, username: 'fan' }, 'comments'];
    case 'poll':
      return [{ type, service, link, quantity: 1000, answerNumber: 0 }, 'answerNumber'];
    case 'invites_from_groups':
      return [{ type, service, link, quantity: 100, groups: [] }, 'groups'];
    case 'subscriptions':
      return [{ type, service, username: 'x', min: 300, max: 200, delay: 0 }, 'max'];
    case 'web_traffic':
      return [
        { type, service, link, quantity: 1000, country: 'US', device: 1, typeOfTraffic: 2 },
        'referringUrl',
      ];
  }
}
