import { describe, expect, it } from 'vitest';
import {
  CONFIRM_ANSWER_TYPE,
  CONFIRM_REQUEST_TYPE,
  confirmAnswerPayload,
  confirmRequestPayload,
  parseConfirmAnswer,
  parseConfirmRequest,
} from './protocol.ts';

describe('confirm messages', () => {
  it('round-trips a request and an answer', () => {
    expect(parseConfirmRequest(confirmRequestPayload('abc-123_XYZ'))).toEqual({
      type: CONFIRM_REQUEST_TYPE,
      nonce: 'abc-123_XYZ',
    });
    expect(parseConfirmAnswer(confirmAnswerPayload('abc-123_XYZ', 'AAGKq/gjhwI='))).toEqual({
      type: CONFIRM_ANSWER_TYPE,
      nonce: 'abc-123_XYZ',
      snapshot: 'AAGKq/gjhwI=',
    });
  });

  it('refuses to build a request with a bad nonce', () => {
    expect(() => confirmRequestPayload('x')).toThrow(/nonce/);
  });

  it.each([
    'not json',
    'null',
    '[]',
    '{"type":"waymark.confirm"}',
    '{"type":"waymark.confirm","nonce":"short"}',
    '{"type":"waymark.confirm","nonce":"has spaces here"}',
    '{"type":"something-else","nonce":"abcdefgh"}',
    JSON.stringify({ type: 'waymark.confirm', nonce: 'a'.repeat(65) }),
    JSON.stringify({ type: 'waymark.confirm', nonce: 'abcdefgh', padding: 'x'.repeat(300) }),
  ])('ignores the request %#', (payload) => {
    expect(parseConfirmRequest(payload)).toBeNull();
  });

  it.each([
    'not json',
    '{"type":"waymark.confirmed","nonce":"abcdefgh"}',
    '{"type":"waymark.confirmed","nonce":"abcdefgh","snapshot":"not base64!"}',
    '{"type":"waymark.confirmed","nonce":"abcdefgh","snapshot":42}',
    '{"type":"waymark.confirm","nonce":"abcdefgh","snapshot":"AA=="}',
  ])('ignores the answer %#', (payload) => {
    expect(parseConfirmAnswer(payload)).toBeNull();
  });
});
