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

describe('EventHub with an enabled-check', () => {
  it('skips a disabled listener without copying, and has() answers false', () => {
    const hub = new EventHub();
    const received: unknown[] = [];
    let isOn = false;
    hub.on('retry', (event) => received.push(event), { isEnabled: () => isOn });
    const payload = { action: 'status', attempt: 1, delayMs: 10, reason: 'not sent' } as const;

    expect(hub.has('retry')).toBe(false);
    hub.emit('retry', payload);
    expect(received).toEqual([]);

    isOn = true;
    expect(hub.has('retry')).toBe(true);
    hub.emit('retry', payload);
    expect(received).toEqual([payload]);
    expect(received[0]).not.toBe(payload);
    expect(Object.isFrozen(received[0])).toBe(true);
  });

  it('answers has() true when one listener of several is enabled, and delivers only to it', () => {
    const hub = new EventHub();
    const calls: string[] = [];
    hub.on('giveUp', () => calls.push('off'), { isEnabled: () => false });
    hub.on('giveUp', () => calls.push('plain'));

    expect(hub.has('giveUp')).toBe(true);
    hub.emit('giveUp', { action: 'add', attempt: 1, stopReason: 'deadline' });
    expect(calls).toEqual(['plain']);
  });

  it('reports a throwing enabled-check and delivers anyway', () => {
    const errors: unknown[] = [];
    const hub = new EventHub((error) => errors.push(error));
    const received: unknown[] = [];
    const broken = new Error('level lookup failed');
    hub.on('giveUp', (event) => received.push(event), {
      isEnabled: () => {
        throw broken;
      },
    });

    hub.emit('giveUp', { action: 'add', attempt: 1, stopReason: 'deadline' });
    expect(received).toHaveLength(1);
    expect(errors).toEqual([broken]);
  });

  it('answers has() false once the last listener is removed', () => {
    const hub = new EventHub();
    const off = hub.on('retry', () => undefined);
    expect(hub.has('retry')).toBe(true);
    off();
    expect(hub.has('retry')).toBe(false);
  });
});
