import { describe, expect, it } from 'vitest';
import { decodeAnswer } from '../../src/api/decode-answer.js';
import type { TransportResponse } from '../../src/transport/transport.js';

const KEY = 'sk_live_0123456789abcdef';

function answer(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): TransportResponse {
  return { status, body, headers: { 'content-type': 'application/json', ...headers } };
}

function okValue<T>(decoded: { kind: string; value?: T }): T {
  if (decoded.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(decoded)}`);
  return decoded.value as T;
}

describe('decodeAnswer: success is decided by the body', () => {
  it('reads a 201 with an order id as placed', () => {
    expect(okValue(decodeAnswer('add', answer(201, '{"order": 42}')))).toEqual({ order: '42' });
  });

  it('reads a 422 with an error text as a validation refusal', () => {
    const decoded = decodeAnswer(
      'add',
      answer(422, '{"error": "Quantity more than maximum 10000"}'),
    );
    expect(decoded.kind).toBe('rejected');
    if (decoded.kind !== 'rejected') return;
    expect(decoded.error.errorClass).toBe('validation');
    expect(decoded.error.httpStatus).toBe(422);
    expect(decoded.error.code).toBe('SMM_PANEL_REJECTED');
  });

  it('reads a 500 with a try-again text as a transient refusal', () => {
    const decoded = decodeAnswer(
      'status',
      answer(500, '{"error": "Something went wrong, please try again"}'),
    );
    expect(decoded.kind === 'rejected' && decoded.error.errorClass).toBe('transient');
  });

  it('uses the profile rules given in the options', () => {
    const errorRules = [{ match: 'code 7781', errorClass: 'funds' as const }];
    const decoded = decodeAnswer('add', answer(200, '{"error": "Provider said no (code 7781)"}'), {
      errorRules,
    });
    expect(decoded.kind === 'rejected' && decoded.error.errorClass).toBe('funds');
  });

  it('accepts the success wrappers panels add around values', () => {
    expect(
      okValue(decodeAnswer('add', answer(200, '{"status": "success", "order": 151}'))),
    ).toEqual({ order: '151' });
    expect(
      okValue(
        decodeAnswer(
          'refill',
          answer(200, '{"success": "Refill request accepted", "refill": 12345}'),
        ),
      ),
    ).toEqual({ refill: '12345' });
    expect(
      okValue(
        decodeAnswer(
          'balance',
          answer(200, '{"status": "success", "balance": 12.3, "currency": "BRL"}'),
        ),
      ),
    ).toEqual({ balance: '12.3', currency: 'BRL' });
  });

  it('keeps a rate of "0.90" as written and a numeric charge with every digit', () => {
    const services = okValue(
      decodeAnswer(
        'services',
        answer(
          200,
          '[{"service": 1, "name": "F", "type": "Default", "category": "C", "rate": "0.90", "min": "50", "max": "10000"}]',
        ),
      ),
    );
    expect(services[0]?.rate).toBe('0.90');

    const state = okValue(
      decodeAnswer('status', answer(200, '{"charge": 0.08011655652, "status": "in_progress"}')),
    );
    expect(state.charge).toBe('0.08011655652');
  });

  it('reads a drip-feed parent as its children, with charge and remains unknown', () => {
    const state = okValue(
      decodeAnswer(
        'status',
        answer(200, '{"status": "In progress", "runs": "5", "orders": [5002, 5003]}'),
      ),
    );
    expect(state).toMatchObject({
      status: 'in_progress',
      children: ['5002', '5003'],
      isTerminal: false,
    });
    expect(state.charge).toBeUndefined();
    expect(state.remains).toBeUndefined();
  });
});

describe('decodeAnswer: batch answers', () => {
  it('turns per-item errors into items, not a failed call', () => {
    const items = okValue(
      decodeAnswer(
        'status_many',
        answer(
          200,
          '{"1": {"status": "Partial", "charge": "0.2"}, "10": {"error": "Incorrect order ID"}}',
        ),
      ),
    );
    expect(items.get('1')).toMatchObject({ ok: true, status: 'partial', isTerminal: true });
    expect(items.get('10')).toEqual({
      ok: false,
      errorClass: 'not_found',
      message: 'Incorrect order ID',
    });
  });

  it('classifies batch items with the profile rules and redacts their text', () => {
    const errorRules = [{ match: 'pedido invalido', errorClass: 'not_found' as const }];
    const body = `[{"order": 1, "cancel": {"error": "Pedido invalido ${KEY}"}}]`;
    const items = okValue(
      decodeAnswer('cancel_many', answer(200, body), { errorRules, secrets: [KEY] }),
    );
    expect(items.get('1')).toEqual({
      ok: false,
      errorClass: 'not_found',
      message: 'Pedido invalido [REDACTED]',
    });
  });

  it('reads a cancel of 0 as not accepted, with no family', () => {
    const items = okValue(
      decodeAnswer(
        'cancel_many',
        answer(200, '[{"order": 3, "cancel": 0}, {"order": 4, "cancel": true}]'),
      ),
    );
    expect(items.get('3')).toEqual({ ok: false, errorClass: 'unknown', message: '0' });
    expect(items.get('4')).toEqual({ ok: true, accepted: true });
  });

  it('reads refill items by order id and refill status items by refill id', () => {
    const refills = okValue(
      decodeAnswer('refill_many', answer(200, '[{"order": 7, "refill": "70"}]')),
    );
    expect(refills.get('7')).toEqual({ ok: true, refill: '70' });
    const statuses = okValue(
      decodeAnswer('refill_status_many', answer(200, '[{"refill": 70, "status": "In progress"}]')),
    );
    expect(statuses.get('70')).toEqual({
      ok: true,
      status: 'in_progress',
      rawStatus: 'In progress',
    });
  });

  it('refuses a whole batch with one malformed item', () => {
    const decoded = decodeAnswer(
      'status_many',
      answer(200, '{"1": {"status": "Partial"}, "2": "garbage"}'),
    );
    expect(decoded.kind === 'unusable' && decoded.error.code).toBe('SMM_INVALID_RESPONSE');
  });
});

describe('decodeAnswer: unusable answers', () => {
  it.each([
    ['an empty body', 200, '', 'empty'],
    ['a proxy page', 502, '<html><h1>502 Bad Gateway</h1></html>', 'html'],
    ['a PHP warning before JSON', 200, '<br />\n<b>Warning</b>: x\n{"order": 77123}', 'html'],
    ['broken JSON', 200, '{"order": 23', 'invalid_json'],
    ['a 500 with JSON that is no error', 500, '{"exception": "PDOException"}', 'server_error'],
  ])('gives PanelUnavailableError for %s', (_, status, body, reason) => {
    const decoded = decodeAnswer('add', answer(status, body));
    expect(decoded.kind).toBe('unusable');
    if (decoded.kind !== 'unusable') return;
    expect(decoded.error.code).toBe('SMM_PANEL_UNAVAILABLE');
    expect('reason' in decoded.error && decoded.error.reason).toBe(reason);
  });

  it('gives InvalidResponseError for an add answer without an id', () => {
    const decoded = decodeAnswer('add', answer(200, '{"success": true}'));
    expect(decoded.kind === 'unusable' && decoded.error.code).toBe('SMM_INVALID_RESPONSE');
  });

  it('redacts secrets from the excerpt and keeps it short', () => {
    const body = `{"success": true, "echo": "key=${KEY}", "pad": "${'x'.repeat(400)}"}`;
    const decoded = decodeAnswer('add', answer(200, body), { secrets: [KEY] });
    if (decoded.kind !== 'unusable') throw new Error('expected unusable');
    expect(decoded.error.excerpt).toContain('[REDACTED]');
    expect(decoded.error.excerpt).not.toContain(KEY);
    expect(decoded.error.excerpt?.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(decoded.error)).not.toContain(KEY);
  });

  it('redacts secrets from a panel message', () => {
    const decoded = decodeAnswer('add', answer(200, `{"error": "Invalid API key ${KEY}"}`), {
      secrets: [KEY],
    });
    if (decoded.kind !== 'rejected') throw new Error('expected rejected');
    expect(decoded.error.panelMessage).toBe('Invalid API key [REDACTED]');
    expect(decoded.error.message).not.toContain(KEY);
  });
});

describe('decodeAnswer: throttling', () => {
  const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

  it('throttles any 429, with Retry-After in seconds', () => {
    const decoded = decodeAnswer('status', answer(429, '{"order": 5}', { 'retry-after': '2' }));
    expect(decoded.kind === 'throttled' && decoded.error.retryAfterMs).toBe(2000);
  });

  it('reads Retry-After as an HTTP date against the injected clock', () => {
    const date = new Date(NOW + 7000).toUTCString();
    const decoded = decodeAnswer('status', answer(429, '', { 'retry-after': date }), {
      now: () => NOW,
    });
    expect(decoded.kind === 'throttled' && decoded.error.retryAfterMs).toBe(7000);
  });

  it('reads X-RateLimit-Reset as an epoch timestamp when it is large', () => {
    const reset = String(NOW / 1000 + 45);
    const decoded = decodeAnswer('status', answer(429, '', { 'x-ratelimit-reset': reset }), {
      now: () => NOW,
    });
    expect(decoded.kind === 'throttled' && decoded.error.retryAfterMs).toBe(45_000);
  });

  it('throttles a rate-limit text sent with HTTP 200', () => {
    const decoded = decodeAnswer('add', answer(200, '{"error": "Too Many Requests"}'));
    expect(decoded.kind).toBe('throttled');
  });

  it('throttles a 503 with Retry-After but not a 503 page without it', () => {
    const page = '<html>Just a moment...</html>';
    expect(decodeAnswer('add', answer(503, page, { 'retry-after': '10' })).kind).toBe('throttled');
    expect(decodeAnswer('add', answer(503, page)).kind).toBe('unusable');
  });

  it('keeps a plain refusal on a 503 with Retry-After a refusal', () => {
    const decoded = decodeAnswer(
      'add',
      answer(503, '{"error": "Invalid API key"}', { 'retry-after': '10' }),
    );
    expect(decoded.kind === 'rejected' && decoded.error.errorClass).toBe('auth');
  });
});
