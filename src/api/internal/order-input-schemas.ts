import { z } from 'zod';
import type { OrderType } from '../order-types.js';
import {
  dayField,
  intRangeField,
  lineField,
  linesField,
  nonNegativeIntField,
  positiveIntField,
  serviceField,
  urlField,
  wordField,
} from './order-field-schemas.js';

/** Each camelCase input field with its form field name on the wire. */
export const FORM_FIELD_NAMES = Object.freeze({
  service: 'service',
  link: 'link',
  quantity: 'quantity',
  runs: 'runs',
  interval: 'interval',
  keywords: 'keywords',
  comments: 'comments',
  usernames: 'usernames',
  hashtags: 'hashtags',
  hashtag: 'hashtag',
  username: 'username',
  media: 'media',
  answerNumber: 'answer_number',
  groups: 'groups',
  min: 'min',
  max: 'max',
  delay: 'delay',
  posts: 'posts',
  oldPosts: 'old_posts',
  expiry: 'expiry',
  country: 'country',
  device: 'device',
  typeOfTraffic: 'type_of_traffic',
  googleKeyword: 'google_keyword',
  referringUrl: 'referring_url',
} as const);

/** An input field name. */
export type InputFieldName = keyof typeof FORM_FIELD_NAMES;

// Names `extra` may not use: the request's own fields, and every typed field of any order
// type, so a pass-through field can never quietly replace what the typed input says.
const RESERVED_EXTRA_NAMES: ReadonlySet<string> = new Set([
  'key',
  'action',
  ...Object.keys(FORM_FIELD_NAMES).map((name) => name.toLowerCase()),
  ...Object.values(FORM_FIELD_NAMES),
]);

const extraField = z
  .record(z.string(), z.string({ error: 'extra fields must be text' }), {
    error: 'must be an object of text fields',
  })
  .superRefine((extra, ctx) => {
    for (const name of Object.keys(extra)) {
      if (name.trim().length === 0) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'an extra field needs a name' });
      } else if (RESERVED_EXTRA_NAMES.has(name.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'may not set a field the request or the order type already sets',
        });
      }
    }
  })
  .optional();

const base = { service: serviceField, extra: extraField };
const linkQuantity = { link: urlField, quantity: positiveIntField };
const dripFeed = { runs: positiveIntField.optional(), interval: positiveIntField.optional() };

type DripFeedShape = { runs?: number | undefined; interval?: number | undefined };

/** Drip-feed needs both `runs` and `interval`; one alone would be read differently by panels. */
function bothOrNeither(value: DripFeedShape, ctx: z.RefinementCtx): void {
  if (value.runs !== undefined && value.interval === undefined) {
    ctx.addIssue({ code: 'custom', path: ['interval'], message: 'is required with runs' });
  }
  if (value.interval !== undefined && value.runs === undefined) {
    ctx.addIssue({ code: 'custom', path: ['runs'], message: 'is required with interval' });
  }
}

function typed<T extends OrderType>(type: T) {
  return { type: z.literal(type) };
}

/** One strict schema per order type: an unknown field is refused, never dropped. */
export const ORDER_INPUT_SCHEMAS: Readonly<Record<OrderType, z.ZodType>> = Object.freeze({
  default: z
    .strictObject({ type: z.literal('default').optional(), ...base, ...linkQuantity, ...dripFeed })
    .superRefine(bothOrNeither),
  package: z.strictObject({ ...typed('package'), ...base, link: urlField }),
  seo: z.strictObject({ ...typed('seo'), ...base, ...linkQuantity, keywords: linesField }),
  custom_comments: z.strictObject({
    ...typed('custom_comments'),
    ...base,
    link: urlField,
    comments: linesField,
  }),
  custom_comments_package: z.strictObject({
    ...typed('custom_comments_package'),
    ...base,
    link: urlField,
    comments: linesField,
  }),
  mentions: z.strictObject({
    ...typed('mentions'),
    ...base,
    ...linkQuantity,
    usernames: linesField,
  }),
  mentions_with_hashtags: z.strictObject({
    ...typed('mentions_with_hashtags'),
    ...base,
    ...linkQuantity,
    usernames: linesField,
    hashtags: linesField,
  }),
  mentions_custom_list: z.strictObject({
    ...typed('mentions_custom_list'),
    ...base,
    link: urlField,
    usernames: linesField,
  }),
  mentions_hashtag: z.strictObject({
    ...typed('mentions_hashtag'),
    ...base,
    ...linkQuantity,
    hashtag: lineField,
  }),
  mentions_user_followers: z.strictObject({
    ...typed('mentions_user_followers'),
    ...base,
    ...linkQuantity,
    username: wordField,
  }),
  mentions_media_likers: z.strictObject({
    ...typed('mentions_media_likers'),
    ...base,
    ...linkQuantity,
    media: urlField,
  }),
  comment_likes: z.strictObject({
    ...typed('comment_likes'),
    ...base,
    ...linkQuantity,
    username: wordField,
  }),
  comment_replies: z.strictObject({
    ...typed('comment_replies'),
    ...base,
    link: urlField,
    username: wordField,
    comments: linesField,
  }),
  poll: z.strictObject({
    ...typed('poll'),
    ...base,
    ...linkQuantity,
    answerNumber: positiveIntField,
  }),
  invites_from_groups: z.strictObject({
    ...typed('invites_from_groups'),
    ...base,
    ...linkQuantity,
    groups: linesField,
  }),
  subscriptions: z
    .strictObject({
      ...typed('subscriptions'),
      ...base,
      username: wordField,
      min: positiveIntField,
      max: positiveIntField,
      delay: nonNegativeIntField,
      posts: positiveIntField.optional(),
      oldPosts: nonNegativeIntField.optional(),
      expiry: dayField.optional(),
    })
    .superRefine((value, ctx) => {
      if (value.max < value.min) {
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be at least min' });
      }
    }),
  web_traffic: z
    .strictObject({
      ...typed('web_traffic'),
      ...base,
      ...linkQuantity,
      ...dripFeed,
      country: lineField,
      device: intRangeField(1, 5),
      typeOfTraffic: intRangeField(1, 3),
      googleKeyword: lineField.optional(),
      referringUrl: urlField.optional(),
    })
    .superRefine((value, ctx) => {
      bothOrNeither(value, ctx);
      // Each traffic type needs its own source field and no other, so a keyword given with
      // the referrer type is refused rather than silently ignored by the panel.
      const needs = { googleKeyword: 1, referringUrl: 2 } as const;
      for (const [field, trafficType] of Object.entries(needs)) {
        const given = value[field as keyof typeof needs] !== undefined;
        if (value.typeOfTraffic === trafficType && !given) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `is required with typeOfTraffic ${trafficType}`,
          });
        }
        if (value.typeOfTraffic !== trafficType && given) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `is only sent with typeOfTraffic ${trafficType}`,
          });
        }
      }
    }),
});
