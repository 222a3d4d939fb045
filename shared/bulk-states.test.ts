/** The bulk first-sync frame format: read back whatever the chunking, and refuse what is not a stream. */
import { describe, expect, it } from 'vitest';
import {
  BulkFrameError,
  BulkFrameReader,
  encodeEndFrame,
  encodeRowFrame,
  encodeSkippedFrame,
  encodeStateFrame,
  type BulkFrame,
} from './bulk-states.ts';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

const big = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251);
const row = JSON.stringify({ id: 'YP-3', displayName: 'Zoë Ünal-Smith' });
const stream = concat([
  encodeStateFrame('yp-1', Uint8Array.of(1, 2, 3)),
  encodeSkippedFrame('yp_2'),
  encodeRowFrame('YP-3', row),
  encodeStateFrame('YP-3', big),
  encodeEndFrame(4),
]);

function readInChunks(bytes: Uint8Array, size: number): { frames: BulkFrame[]; complete: boolean } {
  const reader = new BulkFrameReader();
  const frames: BulkFrame[] = [];
  for (let at = 0; at < bytes.byteLength; at += size) frames.push(...reader.push(bytes.slice(at, at + size)));
  return { frames, complete: reader.finish() };
}

describe('bulk state frames', () => {
  it.each([1, 2, 5, 13, 4096, 1_000_000])('reads the same frames from chunks of %i bytes', (size) => {
    const { frames, complete } = readInChunks(stream, size);
    expect(complete).toBe(true);
    expect(frames).toEqual([
      { kind: 'state', id: 'yp-1', state: Uint8Array.of(1, 2, 3) },
      { kind: 'skipped', id: 'yp_2' },
      { kind: 'row', id: 'YP-3', row },
      { kind: 'state', id: 'YP-3', state: big },
      { kind: 'end', frames: 4 },
    ]);
  });

  it('reports a stream cut short: whole frames are read, the stream is not complete', () => {
    const { frames, complete } = readInChunks(stream.subarray(0, stream.byteLength - 3), 100);
    expect(complete).toBe(false);
    expect(frames.map((f) => f.kind)).toEqual(['state', 'skipped', 'row', 'state']);
  });

  it.each([
    ['an unknown kind', Uint8Array.of(9, 1, 65, 0, 0, 0, 0), 'unknown bulk frame kind 9'],
    ['an invalid id', encodeSkippedFrame('a/b'), 'invalid id'],
    ['an empty state', encodeStateFrame('yp-1', new Uint8Array(0)), 'empty state'],
    ['an empty row', encodeRowFrame('yp-1', ''), 'empty row'],
    ['a row that is not UTF-8', Uint8Array.of(4, 1, 65, 0, 0, 0, 2, 0xc3, 0x28), 'not UTF-8'],
    ['an end frame with the wrong count', encodeEndFrame(2), 'does not match'],
    ['a frame after the end', concat([encodeEndFrame(0), encodeSkippedFrame('x')]), 'after the end'],
    ['a frame announcing 4 GiB', Uint8Array.of(1, 1, 65, 255, 255, 255, 255), 'too large'],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => new BulkFrameReader().push(bytes)).toThrow(BulkFrameError);
    expect(() => new BulkFrameReader().push(bytes)).toThrow(message);
  });
});
