import { describe, expect, it } from 'vitest';
import { EventHub } from '../../src/observe/event-hub.js';

describe('EventHub', () => {
  it('delivers a frozen copy that a listener cannot change', () => {
    const hub = new EventHub();
    const payload = { idempotencyKey: 'k1', reason: 'reset' };
    let seen: unknown;
    hub.on('outcomeUnknown', (event) => {
      seen = event;
      expect(() => {
        (event as { reason: string }).reason = 'changed';
      }).toThrow(TypeError);
    });
    hub.emit('outcomeUnknown', payload);
    expect(seen).toEqual({ idempotencyKey: 'k1', reason: 'reset' });
    expect(seen).not.toBe(payload);
    expect(payload.reason).toBe('reset');
  });

  it('keeps delivering to other listeners when one throws, and reports the error', () => {
    const errors: unknown[] = [];
    const hub = new EventHub((error) => errors.push(error));
    const calls: string[] = [];
    hub.on('retry', () => {
      throw new Error('broken metrics hook');
    });
    hub.on('retry', () => calls.push('second'));
    hub.emit('retry', { action: 'status', attempt: 1, delayMs: 10, reason: 'not sent' });
    expect(calls).toEqual(['second']);
    expect(errors).toHaveLength(1);
  });

  it('stops delivering after the returned function removes the listener', () => {
    const hub = new EventHub();
    const calls: number[] = [];
    const off = hub.on('giveUp', (event) => calls.push(event.attempt));
    hub.emit('giveUp', { action: 'add', attempt: 1, stopReason: 'deadline' });
    off();
    hub.emit('giveUp', { action: 'add', attempt: 2, stopReason: 'deadline' });
    expect(calls).toEqual([1]);
    expect(hub.has('giveUp')).toBe(false);
  });
});
