import { describe, expect, it } from 'vitest';
import { syncEndpoints } from './protocol.ts';

describe('syncEndpoints: either form of the sync server address', () => {
  it.each([
    ['https://sync.council.example', 'https://sync.council.example', 'wss://sync.council.example/sync'],
    ['https://sync.council.example/', 'https://sync.council.example', 'wss://sync.council.example/sync'],
    ['wss://sync.council.example/sync', 'https://sync.council.example', 'wss://sync.council.example/sync'],
    [
      'https://gw.council.example/waymark',
      'https://gw.council.example/waymark',
      'wss://gw.council.example/waymark/sync',
    ],
    [
      'wss://gw.council.example/waymark/sync',
      'https://gw.council.example/waymark',
      'wss://gw.council.example/waymark/sync',
    ],
    ['http://127.0.0.1:1234', 'http://127.0.0.1:1234', 'ws://127.0.0.1:1234/sync'],
    ['ws://127.0.0.1:1234/sync', 'http://127.0.0.1:1234', 'ws://127.0.0.1:1234/sync'],
  ])('%s', (input, apiBase, websocketUrl) => {
    expect(syncEndpoints(input)).toEqual({ apiBase, websocketUrl });
  });

  it('refuses what is not a web address, naming the problem', () => {
    expect(() => syncEndpoints('sync.council.example')).toThrow(/not a web address/);
    expect(() => syncEndpoints('ftp://sync.council.example')).toThrow(/https:\/\/ or wss:\/\//);
  });
});
