import { describe, expect, it } from 'vitest';
import { SERVER_REASONS, type UpdateRefusalMessage } from '../../shared/protocol.ts';
import { parseRefusal, RefusalStore, watchRefusals } from './refusals.ts';

const refused: UpdateRefusalMessage = {
  type: 'update-refused',
  rule: 'append-only',
  message: 'A contact cannot be deleted: it is part of the record of what was done.',
};
const NOW = new Date('2026-03-01T10:15:00Z');

describe('refusals of a record’s changes', () => {
  it('reads the server’s refusal message and ignores every other stateless message', () => {
    expect(SERVER_REASONS.updateRefused).toBe('update-refused');
    expect(parseRefusal(JSON.stringify(refused), NOW)).toEqual({
      rule: 'append-only',
      message: refused.message,
      at: '2026-03-01T10:15:00.000Z',
    });
    expect(parseRefusal('not json', NOW)).toBeNull();
    expect(parseRefusal(JSON.stringify({ type: 'confirm', snapshot: 'x' }), NOW)).toBeNull();
    expect(parseRefusal(JSON.stringify({ ...refused, rule: 'no-such-rule' }), NOW)).toBeNull();
  });

  it('keeps the latest refusal per record from its provider until the record is confirmed', () => {
    const store = new RefusalStore();
    const handlers: ((data: { payload: string }) => void)[] = [];
    watchRefusals({ on: (_event, listener) => handlers.push(listener) }, 'yp-1', store);
    let notified = 0;
    const stop = store.subscribe(() => (notified += 1));
    for (const handler of handlers) handler({ payload: JSON.stringify({ type: 'other' }) });
    expect(store.get('yp-1')).toBeNull();
    for (const handler of handlers) handler({ payload: JSON.stringify(refused) });
    expect(store.get('yp-1')?.rule).toBe('append-only');
    expect(store.get('yp-2')).toBeNull();
    store.clear('yp-1');
    expect(store.get('yp-1')).toBeNull();
    expect(notified).toBe(2);
    stop();
  });
});
