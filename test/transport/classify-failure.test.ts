import { describe, expect, it } from 'vitest';
import { classifyFailure, errorCode } from '../../src/transport/internal/classify-failure.js';

function coded(code: string): Error {
  return Object.assign(new Error('message text is never read'), { code });
}

describe('classifyFailure', () => {
  it.each([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'UND_ERR_CONNECT_TIMEOUT',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UND_ERR_DESTROYED',
  ])('treats %s before the request was written as a connect failure, not sent', (code) => {
    expect(classifyFailure(coded(code), 'queued')).toEqual({
      code: 'SMM_CONNECT_FAILED',
      sendState: 'not_sent',
      causeCode: code,
    });
  });

  it.each(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])(
    'treats %s after writing as a timeout that may have been sent',
    (code) => {
      expect(classifyFailure(coded(code), 'written')).toEqual({
        code: 'SMM_TIMEOUT',
        sendState: 'maybe_sent',
        causeCode: code,
      });
    },
  );

  it.each(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_DESTROYED'])(
    'treats %s after writing as a lost connection that may have been sent',
    (code) => {
      expect(classifyFailure(coded(code), 'written')).toEqual({
        code: 'SMM_CONNECTION_LOST',
        sendState: 'maybe_sent',
        causeCode: code,
      });
    },
  );

  it('treats a failure in the middle of the body as maybe sent, not answered', () => {
    expect(classifyFailure(coded('UND_ERR_BODY_TIMEOUT'), 'answering')).toMatchObject({
      code: 'SMM_TIMEOUT',
      sendState: 'maybe_sent',
    });
    expect(classifyFailure(coded('ECONNRESET'), 'answering')).toMatchObject({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
    });
  });

  it('ignores the message: a timeout-sounding message without a code is a lost connection', () => {
    expect(classifyFailure(new Error('Headers Timeout Error'), 'written')).toEqual({
      code: 'SMM_CONNECTION_LOST',
      sendState: 'maybe_sent',
      causeCode: undefined,
    });
  });
});

describe('errorCode', () => {
  it('reads a string code, else a specific name, else nothing', () => {
    expect(errorCode(coded('ECONNRESET'))).toBe('ECONNRESET');
    expect(errorCode(new DOMException('stop', 'AbortError'))).toBe('AbortError');
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorCode('a string')).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});
