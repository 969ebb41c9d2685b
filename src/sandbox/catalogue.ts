/** One service the sandbox sells, as its `services` action lists it. */
export interface SandboxService {
  /** The service id: a positive whole number, answered as a JSON number like real panels do. */
  readonly id: number;
  readonly name: string;
  /**
   * The order type exactly as docs/panel-api.md names it (`Default`, `Package`, `Custom Comments`,
   * `Web Traffic`...). Compared without case or spacing.
   */
  readonly type: string;
  readonly category: string;
  /** Price per 1000 units as a decimal string; the flat price for package types. */
  readonly rate: string;
  /** Smallest quantity accepted (1 for package types). */
  readonly min: number;
  /** Largest quantity accepted (1 for package types). */
  readonly max: number;
  /** Whether `refill` is offered for completed orders. */
  readonly refill: boolean;
  /** Whether `cancel` is offered while an order runs. */
  readonly cancel: boolean;
  /** Whether drip-feed (`runs`, `interval`) is offered. */
  readonly dripfeed: boolean;
  /** A description, sent as `desc` when present. */
  readonly description?: string;
}

function service(
  id: number,
  type: string,
  category: string,
  name: string,
  rate: string,
  min: number,
  max: number,
  flags: { refill?: boolean; cancel?: boolean; dripfeed?: boolean; description?: string } = {},
): SandboxService {
  return Object.freeze({
    id,
    name,
    type,
    category,
    rate,
    min,
    max,
    refill: flags.refill ?? false,
    cancel: flags.cancel ?? false,
    dripfeed: flags.dripfeed ?? false,
    ...(flags.description === undefined ? {} : { description: flags.description }),
  });
}

/**
 * The catalogue the sandbox sells by default: every order type of docs/panel-api.md at least once,
 * with realistic names, rates, limits and flags. Service 1 is the everyday choice (followers,
 * refill and cancel offered); service 3 offers drip-feed; services 5 and 8 are packages.
 */
export const DEFAULT_SANDBOX_SERVICES: readonly SandboxService[] = Object.freeze([
  service(
    1,
    'Default',
    'Instagram Followers',
    'Instagram Followers [Real, 30 days refill]',
    '0.90',
    50,
    10000,
    {
      refill: true,
      cancel: true,
      description: 'Start 0-1 h, speed 5k/day, 30 days refill guarantee.',
    },
  ),
  service(
    2,
    'Default',
    'Instagram Likes',
    'Instagram Likes [No refill, instant]',
    '0.12',
    20,
    50000,
  ),
  service(
    3,
    'Default',
    'YouTube Views',
    'YouTube Views [Drip-feed, retention 1-3 min]',
    '1.45',
    100,
    1000000,
    {
      refill: true,
      cancel: true,
      dripfeed: true,
    },
  ),
  service(
    4,
    'Default',
    'TikTok Followers',
    'TikTok Followers [Cancel enabled]',
    '2.10',
    100,
    20000,
    {
      cancel: true,
    },
  ),
  service(
    5,
    'Package',
    'Instagram Packages',
    'Instagram Starter Package [500 followers + 1k likes]',
    '4.50',
    1,
    1,
  ),
  service(
    6,
    'SEO',
    'Google SEO',
    'Google Keyword Clicks [Organic, per keyword]',
    '3.20',
    100,
    5000,
  ),
  service(
    7,
    'Custom Comments',
    'Instagram Comments',
    'Instagram Custom Comments [Real accounts]',
    '8',
    10,
    1500,
    {
      cancel: true,
    },
  ),
  service(
    8,
    'Custom Comments Package',
    'Instagram Comments',
    'Instagram 10 Custom Comments Package',
    '2.75',
    1,
    1,
  ),
  service(
    9,
    'Mentions',
    'Instagram Mentions',
    'Instagram Mentions [From usernames list]',
    '5.40',
    100,
    10000,
  ),
  service(
    10,
    'Mentions with Hashtags',
    'Instagram Mentions',
    'Instagram Mentions + Hashtags',
    '6.10',
    100,
    10000,
  ),
  service(
    11,
    'Mentions Custom List',
    'Instagram Mentions',
    'Instagram Mentions [Custom list]',
    '7.25',
    10,
    1000,
  ),
  service(
    12,
    'Mentions Hashtag',
    'Instagram Mentions',
    'Instagram Mentions [Hashtag users]',
    '5.80',
    100,
    10000,
  ),
  service(
    13,
    'Mentions User Followers',
    'Instagram Mentions',
    'Instagram Mentions [Followers of a user]',
    '5.95',
    100,
    10000,
  ),
  service(
    14,
    'Mentions Media Likers',
    'Instagram Mentions',
    'Instagram Mentions [Likers of a post]',
    '6.05',
    100,
    10000,
  ),
  service(15, 'Comment Likes', 'Instagram Comments', 'Instagram Comment Likes', '1.90', 50, 5000, {
    refill: true,
  }),
  service(
    16,
    'Comment Replies',
    'Instagram Comments',
    'Instagram Comment Replies [Custom]',
    '9.50',
    5,
    500,
  ),
  service(17, 'Poll', 'Telegram', 'Telegram Poll Votes', '0.75', 100, 20000, { cancel: true }),
  service(
    18,
    'Invites from Groups',
    'Telegram',
    'Telegram Group Members [Invites from groups]',
    '4.80',
    100,
    10000,
  ),
  service(
    19,
    'Subscriptions',
    'Instagram Auto',
    'Instagram Auto Likes [Future posts]',
    '0.25',
    100,
    5000,
    {
      description: 'Likes on each new post. Delay in minutes: 0, 5, 10, 15, 30, 60, 90.',
    },
  ),
  service(
    20,
    'Web Traffic',
    'Website Traffic',
    'Website Traffic [Worldwide, keyword or referrer]',
    '0.35',
    500,
    1000000,
    {
      dripfeed: true,
    },
  ),
]);
