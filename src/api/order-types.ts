/**
 * The order types of the panel API (the `type` of a service), as snake-case names. Each takes
 * its own fields on `add`; see {@link OrderInput}.
 */
export type OrderType =
  | 'default'
  | 'package'
  | 'seo'
  | 'custom_comments'
  | 'custom_comments_package'
  | 'mentions'
  | 'mentions_with_hashtags'
  | 'mentions_custom_list'
  | 'mentions_hashtag'
  | 'mentions_user_followers'
  | 'mentions_media_likers'
  | 'comment_likes'
  | 'comment_replies'
  | 'poll'
  | 'invites_from_groups'
  | 'subscriptions'
  | 'web_traffic';

/** Each order type with the name panels print for it in `services`. */
export const ORDER_TYPE_DISPLAY_NAMES: Readonly<Record<OrderType, string>> = Object.freeze({
  default: 'Default',
  package: 'Package',
  seo: 'SEO',
  custom_comments: 'Custom Comments',
  custom_comments_package: 'Custom Comments Package',
  mentions: 'Mentions',
  mentions_with_hashtags: 'Mentions with Hashtags',
  mentions_custom_list: 'Mentions Custom List',
  mentions_hashtag: 'Mentions Hashtag',
  mentions_user_followers: 'Mentions User Followers',
  mentions_media_likers: 'Mentions Media Likers',
  comment_likes: 'Comment Likes',
  comment_replies: 'Comment Replies',
  poll: 'Poll',
  invites_from_groups: 'Invites from Groups',
  subscriptions: 'Subscriptions',
  web_traffic: 'Web Traffic',
});

/** Every order type, in the order docs/panel-api.md lists them. */
export const ORDER_TYPES: readonly OrderType[] = Object.freeze(
  Object.keys(ORDER_TYPE_DISPLAY_NAMES) as OrderType[],
);

/** Lower case with spaces, underscores and hyphens removed: types compare without them. */
function typeKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

const TYPES_BY_KEY: ReadonlyMap<string, OrderType> = new Map(
  ORDER_TYPES.map((type) => [typeKey(ORDER_TYPE_DISPLAY_NAMES[type]), type]),
);

/**
 * The order type of a service's `type` text, compared without case or spacing
 * (`'Custom Comments'`, `'custom_comments'`, `'Subscriptions '`), or `undefined` for a type this
 * SDK does not know. An empty text is `default`, as panels treat a service without a type.
 */
export function orderTypeFromServiceType(rawType: string): OrderType | undefined {
  const key = typeKey(rawType);
  return key.length === 0 ? 'default' : TYPES_BY_KEY.get(key);
}

/** The name panels print for an order type (`custom_comments` → `Custom Comments`). */
export function orderTypeDisplayName(type: OrderType): string {
  return ORDER_TYPE_DISPLAY_NAMES[type];
}
