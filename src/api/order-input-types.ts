// The caller's order, one interface per order type (docs/panel-api.md, "Order types for add").
// Field names are camelCase here and snake_case on the wire; lists go one entry per line.

/** Fields every order takes. */
export interface OrderInputBase {
  /** The panel's service id (`services` lists them). A string is sent as is. */
  service: string | number;
  /**
   * Extra form fields passed through unchanged (a coupon, a test flag, a panel's own
   * idempotency field). May not name `key`, `action` or a field the order type already has.
   * Default: none.
   */
  extra?: Readonly<Record<string, string>>;
}

/** Link and quantity, the fields most types share. */
interface LinkQuantity {
  /** The target, an `http(s)` URL. Sent as written (the panel compares links as text). */
  link: string;
  /** How many units: a positive whole number. */
  quantity: number;
}

/** Drip-feed: `runs` deliveries of `quantity` each, `interval` minutes apart. Both or neither. */
interface DripFeed {
  /** Number of deliveries, at least 1. With runs, `quantity` is per run. Default: no drip-feed. */
  runs?: number;
  /** Minutes between deliveries, at least 1. Required with `runs`. */
  interval?: number;
}

/** `Default`: link and quantity, with optional drip-feed. `type` may be left out. */
export interface DefaultOrderInput extends OrderInputBase, LinkQuantity, DripFeed {
  type?: 'default';
}

/** `Package`: a link only, charged the service's flat rate. */
export interface PackageOrderInput extends OrderInputBase {
  type: 'package';
  link: string;
}

/** `SEO`: link, quantity and search keywords. */
export interface SeoOrderInput extends OrderInputBase, LinkQuantity {
  type: 'seo';
  /** One keyword per entry; none blank, none with a line break. */
  keywords: readonly string[];
}

/** `Custom Comments`: one comment per entry; the quantity is the number of comments. */
export interface CustomCommentsOrderInput extends OrderInputBase {
  type: 'custom_comments';
  link: string;
  /** One comment per entry; none blank, none with a line break. */
  comments: readonly string[];
}

/** `Custom Comments Package`: like custom comments, charged as a package. */
export interface CustomCommentsPackageOrderInput extends OrderInputBase {
  type: 'custom_comments_package';
  link: string;
  comments: readonly string[];
}

/** `Mentions`: mention these usernames. */
export interface MentionsOrderInput extends OrderInputBase, LinkQuantity {
  type: 'mentions';
  /** One username per entry. */
  usernames: readonly string[];
}

/** `Mentions with Hashtags`: usernames and hashtags. */
export interface MentionsWithHashtagsOrderInput extends OrderInputBase, LinkQuantity {
  type: 'mentions_with_hashtags';
  usernames: readonly string[];
  hashtags: readonly string[];
}

/** `Mentions Custom List`: mention exactly these usernames (no quantity). */
export interface MentionsCustomListOrderInput extends OrderInputBase {
  type: 'mentions_custom_list';
  link: string;
  usernames: readonly string[];
}

/** `Mentions Hashtag`: mention users who posted with one hashtag. */
export interface MentionsHashtagOrderInput extends OrderInputBase, LinkQuantity {
  type: 'mentions_hashtag';
  hashtag: string;
}

/** `Mentions User Followers`: mention followers of one user. */
export interface MentionsUserFollowersOrderInput extends OrderInputBase, LinkQuantity {
  type: 'mentions_user_followers';
  username: string;
}

/** `Mentions Media Likers`: mention users who liked one post. */
export interface MentionsMediaLikersOrderInput extends OrderInputBase, LinkQuantity {
  type: 'mentions_media_likers';
  /** The post whose likers are mentioned, an `http(s)` URL. */
  media: string;
}

/** `Comment Likes`: like the comment of one user under the post. */
export interface CommentLikesOrderInput extends OrderInputBase, LinkQuantity {
  type: 'comment_likes';
  /** The comment's author. */
  username: string;
}

/** `Comment Replies`: reply to one user's comment. */
export interface CommentRepliesOrderInput extends OrderInputBase {
  type: 'comment_replies';
  link: string;
  username: string;
  comments: readonly string[];
}

/** `Poll`: votes for one answer. */
export interface PollOrderInput extends OrderInputBase, LinkQuantity {
  type: 'poll';
  /** The answer to vote for, counted from 1. */
  answerNumber: number;
}

/** `Invites from Groups`: invite members of these groups. */
export interface InvitesFromGroupsOrderInput extends OrderInputBase, LinkQuantity {
  type: 'invites_from_groups';
  /** One group per entry. */
  groups: readonly string[];
}

/** `Subscriptions`: deliver to each new post of a user. */
export interface SubscriptionsOrderInput extends OrderInputBase {
  type: 'subscriptions';
  username: string;
  /** Smallest quantity per post, a positive whole number. */
  min: number;
  /** Largest quantity per post, at least `min`. */
  max: number;
  /** Minutes to wait after a post before delivering, from the panel's set (0, 5, 10...). */
  delay: number;
  /** How many new posts to cover. Default: the panel's (unlimited on most). */
  posts?: number;
  /** How many existing posts to cover as well. Default: none. */
  oldPosts?: number;
  /**
   * When the subscription ends: a `d/m/Y` text (`31/12/2025`) sent as is, or a Date sent as
   * its UTC day. Default: no end.
   */
  expiry?: string | Date;
}

/** `Web Traffic`: visits from a country and device, with a traffic source. */
export interface WebTrafficOrderInput extends OrderInputBase, LinkQuantity, DripFeed {
  type: 'web_traffic';
  /** The country code or name the panel lists. */
  country: string;
  /** 1 to 5, as the panel defines them (desktop, mobile...). */
  device: 1 | 2 | 3 | 4 | 5;
  /** 1 Google keyword, 2 referrer, 3 blank (direct). */
  typeOfTraffic: 1 | 2 | 3;
  /** Required with `typeOfTraffic: 1`, refused otherwise. */
  googleKeyword?: string;
  /** An `http(s)` URL. Required with `typeOfTraffic: 2`, refused otherwise. */
  referringUrl?: string;
}

/** An order for `add`, by order type. Leaving `type` out means `default`. */
export type OrderInput =
  | DefaultOrderInput
  | PackageOrderInput
  | SeoOrderInput
  | CustomCommentsOrderInput
  | CustomCommentsPackageOrderInput
  | MentionsOrderInput
  | MentionsWithHashtagsOrderInput
  | MentionsCustomListOrderInput
  | MentionsHashtagOrderInput
  | MentionsUserFollowersOrderInput
  | MentionsMediaLikersOrderInput
  | CommentLikesOrderInput
  | CommentRepliesOrderInput
  | PollOrderInput
  | InvitesFromGroupsOrderInput
  | SubscriptionsOrderInput
  | WebTrafficOrderInput;
