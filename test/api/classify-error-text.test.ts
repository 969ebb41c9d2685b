import { describe, expect, it } from 'vitest';
import {
  classifyErrorText,
  DEFAULT_ERROR_TEXT_RULES,
  type ErrorTextRule,
} from '../../src/errors/classify-error-text.js';

// Every example text of docs/panel-api.md, "Error texts seen", with its family.
const DOCUMENTED_TEXTS: readonly (readonly [string, string])[] = [
  ['Invalid API key', 'auth'],
  ['Your account has been suspended.', 'auth'],
  ['Incorrect request', 'validation'],
  ['Missing required parameter: service', 'validation'],
  ['Incorrect service ID', 'validation'],
  ['Invalid service', 'validation'],
  ['Service is not available', 'validation'],
  ['Bad link', 'validation'],
  ['Invalid link', 'validation'],
  ['Quantity less than minimal 50', 'validation'],
  ['Quantity more than maximum 10000', 'validation'],
  ['Quantity must be between 50 and 10000', 'validation'],
  ['Not enough funds on balance', 'funds'],
  ['Not enough balance', 'funds'],
  ['Insufficient balance', 'funds'],
  [
    'You have active order with this link. Please wait until order being completed.',
    'duplicate_link',
  ],
  ['Incorrect order ID', 'not_found'],
  ['Refill not found', 'not_found'],
  ['Order not found', 'not_found'],
  ['Order not eligible for refill.', 'not_eligible'],
  ['Refill is disabled for this service', 'not_eligible'],
  ['Something went wrong, please try again', 'transient'],
  ['Could not charge your balance, please try again', 'transient'],
  ['neworder.error.not_enough_funds', 'funds'],
  ['neworder.error.link_duplicate', 'duplicate_link'],
  ['neworder.error.min_quantity', 'validation'],
  ['error.incorrect_service_id', 'validation'],
  ['Too Many Requests', 'rate_limit'],
];

describe('classifyErrorText', () => {
  it.each(DOCUMENTED_TEXTS)('classifies %j as %s', (text, errorClass) => {
    expect(classifyErrorText(text)).toBe(errorClass);
  });

  it.each([
    ['INVALID   API-KEY!!', 'auth'],
    ['  not_enough_funds  ', 'funds'],
    ['Rate limit exceeded, try again in a minute', 'rate_limit'],
    ['too many requests. please try again later', 'rate_limit'],
    ['Order not eligible for refill', 'not_eligible'],
  ])('matches loosely across case, punctuation and spacing: %j', (text, errorClass) => {
    expect(classifyErrorText(text)).toBe(errorClass);
  });

  it('answers unknown for a text no rule matches', () => {
    expect(classifyErrorText('Provider said no (code 7781)')).toBe('unknown');
    expect(classifyErrorText('')).toBe('unknown');
  });

  it('checks extra rules before the defaults', () => {
    const extra: ErrorTextRule[] = [{ match: 'Invalid link', errorClass: 'not_eligible' }];
    expect(classifyErrorText('Invalid link', extra)).toBe('not_eligible');
    expect(classifyErrorText('Invalid link')).toBe('validation');
  });

  it('lets an extra rule classify a text the defaults do not know', () => {
    const extra: ErrorTextRule[] = [{ match: /code\s+77\d\d/, errorClass: 'funds' }];
    expect(classifyErrorText('Provider said no (code 7781)', extra)).toBe('funds');
  });

  it('tests a RegExp rule against the normalised text too', () => {
    const extra: ErrorTextRule[] = [{ match: /^saldo insuficiente$/, errorClass: 'funds' }];
    expect(classifyErrorText('Saldo insuficiente!', extra)).toBe('funds');
  });

  it('gives the same answer twice with a global RegExp rule', () => {
    const extra: ErrorTextRule[] = [{ match: /blocked/g, errorClass: 'auth' }];
    expect(classifyErrorText('IP blocked', extra)).toBe('auth');
    expect(classifyErrorText('IP blocked', extra)).toBe('auth');
  });

  it('keeps its default table frozen', () => {
    expect(Object.isFrozen(DEFAULT_ERROR_TEXT_RULES)).toBe(true);
    expect(() =>
      (DEFAULT_ERROR_TEXT_RULES as ErrorTextRule[]).push({ match: 'x', errorClass: 'auth' }),
    ).toThrow();
  });
});
