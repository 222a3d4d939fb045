/**
 * Awareness (Yjs presence: cursors, who else is here) is not used by Waymark, but every Hocuspocus
 * provider sends its awareness state for each open record every 15 s. The server used to decode each
 * such frame (a scratch Y.Doc and Awareness), apply it to the record's awareness, send it to every other
 * reader of the record and publish it to the other instances through Redis: with 500 laptops holding 30
 * records each, more traffic than the edits themselves, and a channel through which any client could
 * push unchecked data to everyone else reading a record.
 *
 * Now an awareness frame goes no further than its sender: once the socket has authenticated, it is sent
 * straight back to it. The echo is what the frame was still needed for: it is the traffic that keeps an
 * idle socket alive both ways (the server closes a socket that has sent nothing for its timeout; the
 * provider reconnects when it has received nothing for 30 s).
 */
import * as decoding from 'lib0/decoding';

/** Hocuspocus message types (frame = document name, type, payload). */
const MESSAGE_AWARENESS = 1;

/** True when `frame` is an awareness update for some document. Never throws. */
export function isAwarenessFrame(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint8Array(decoder); // the document name, not decoded
    return decoding.readVarUint(decoder) === MESSAGE_AWARENESS;
  } catch {
    return false;
  }
}

/**
 * Stops the awareness clock of a loaded record: every Yjs Awareness renews and expires states on a 3 s
 * timer, one timer per loaded record (thousands on a busy server) although, with awareness frames echoed
 * before they reach a record, its awareness never holds a state. Destroying the record clears the rest.
 */
export function stopAwarenessClock(awareness: { _checkInterval: unknown }): void {
  clearInterval(awareness._checkInterval as NodeJS.Timeout);
}
