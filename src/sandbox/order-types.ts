/**
 * How the quantity of an order is found:
 * - `field`: the `quantity` field;
 * - `lines`: the number of non-empty lines of a text field (`comments`, `usernames`);
 * - `package`: a flat-priced package, one unit;
 * - `subscription`: `max` units for each of `posts` posts (1 post when not given).
 */
export type QuantitySource =
  | { readonly from: 'field' }
  | { readonly from: 'lines'; readonly field: string }
  | { readonly from: 'package' }
  | { readonly from: 'subscription' };

/** The fields one order type needs on `add`, in the order a panel checks them. */
export interface OrderTypeRule {
  /** The type's name as docs/panel-api.md writes it. */
  readonly name: string;
  /** Fields that must be present and not blank, besides `service`. */
  readonly required: readonly string[];
  readonly quantity: QuantitySource;
  /** Whether the type accepts drip-feed `runs` and `interval`. */
  readonly acceptsDripfeed: boolean;
  /** Whether `link` is the target; false for Subscriptions, which target a `username`. */
  readonly hasLink: boolean;
}

const FIELD = { from: 'field' } as const;
const PACKAGE = { from: 'package' } as const;

function rule(
  name: string,
  required: readonly string[],
  quantity: QuantitySource,
  extra: { acceptsDripfeed?: boolean; hasLink?: boolean } = {},
): OrderTypeRule {
  return Object.freeze({
    name,
    required: Object.freeze([...required]),
    quantity,
    acceptsDripfeed: extra.acceptsDripfeed ?? false,
    hasLink: extra.hasLink ?? true,
  });
}

const RULES: readonly OrderTypeRule[] = [
  rule('Default', ['link', 'quantity'], FIELD, { acceptsDripfeed: true }),
  rule('Package', ['link'], PACKAGE),
  rule('SEO', ['link', 'quantity', 'keywords'], FIELD),
  rule('Custom Comments', ['link', 'comments'], { from: 'lines', field: 'comments' }),
  rule('Custom Comments Package', ['link', 'comments'], PACKAGE),
  rule('Mentions', ['link', 'quantity', 'usernames'], FIELD),
  rule('Mentions with Hashtags', ['link', 'quantity', 'usernames', 'hashtags'], FIELD),
  rule('Mentions Custom List', ['link', 'usernames'], { from: 'lines', field: 'usernames' }),
  rule('Mentions Hashtag', ['link', 'quantity', 'hashtag'], FIELD),
  rule('Mentions User Followers', ['link', 'quantity', 'username'], FIELD),
  rule('Mentions Media Likers', ['link', 'quantity', 'media'], FIELD),
  rule('Comment Likes', ['link', 'quantity', 'username'], FIELD),
  rule('Comment Replies', ['link', 'username', 'comments'], { from: 'lines', field: 'comments' }),
  rule('Poll', ['link', 'quantity', 'answer_number'], FIELD),
  rule('Invites from Groups', ['link', 'quantity', 'groups'], FIELD),
  rule(
    'Subscriptions',
    ['username', 'min', 'max', 'delay'],
    { from: 'subscription' },
    {
      hasLink: false,
    },
  ),
  rule('Web Traffic', ['link', 'quantity', 'country', 'device', 'type_of_traffic'], FIELD, {
    acceptsDripfeed: true,
  }),
];

/** A type name reduced for comparison: lower case, without spaces, underscores or dashes. */
export function orderTypeKey(type: string): string {
  return type.toLowerCase().replace(/[\s_-]+/g, '');
}

const RULES_BY_KEY: ReadonlyMap<string, OrderTypeRule> = new Map(
  RULES.map((entry) => [orderTypeKey(entry.name), entry]),
);

/** The rule of an order type, or `undefined` for a type the sandbox does not simulate. */
export function findOrderTypeRule(type: string): OrderTypeRule | undefined {
  return RULES_BY_KEY.get(orderTypeKey(type));
}

/** Every order type the sandbox simulates, by the names docs/panel-api.md uses. */
export const SANDBOX_ORDER_TYPES: readonly string[] = Object.freeze(RULES.map((r) => r.name));

/** The `delay` values (minutes) a Subscriptions order accepts, as most panels offer them. */
export const SUBSCRIPTION_DELAYS_MINUTES: readonly number[] = Object.freeze([
  0, 5, 10, 15, 30, 60, 90,
]);
