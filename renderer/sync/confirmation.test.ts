import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverHolds } from './confirmation.ts';

function docWith(items: string[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getArray<string>('contacts').push(items);
  return doc;
}

describe('serverHolds: does the server snapshot contain the whole local state?', () => {
  it('confirms a local state the server holds, and not one with an item it lacks', () => {
    const local = docWith(['c1', 'c2']);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(serverHolds(Y.encodeSnapshot(Y.snapshot(server)), local)).toBe(true);
    local.getArray<string>('contacts').push(['c3']);
    expect(serverHolds(Y.encodeSnapshot(Y.snapshot(server)), local)).toBe(false);
  });

  it('does not confirm a local deletion the server lacks, though the state vectors match', () => {
    const local = docWith(['c1', 'c2']);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    local.getArray<string>('contacts').delete(0, 1);
    // State vectors alone would call this confirmed: a deletion adds no new item.
    expect(Y.encodeStateVector(local)).toEqual(Y.encodeStateVector(server));
    expect(serverHolds(Y.encodeSnapshot(Y.snapshot(server)), local)).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(serverHolds(Y.encodeSnapshot(Y.snapshot(server)), local)).toBe(true);
  });

  it('confirms when the server holds more than the laptop (others’ changes)', () => {
    const local = docWith(['c1']);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    server.getArray<string>('contacts').push(['from-someone-else']);
    expect(serverHolds(Y.encodeSnapshot(Y.snapshot(server)), local)).toBe(true);
  });

  it('treats an unreadable snapshot as not confirmed', () => {
    const local = docWith(['c1']);
    expect(serverHolds(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01]), local)).toBe(false);
    expect(serverHolds(new Uint8Array([]), local)).toBe(false);
  });
});
