import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_STORAGE_KEY } from './page-token';

function tab(entries: Record<string, string> = {}) {
  const store = new Map(Object.entries(entries));
  const storage = { getItem: (key: string) => store.get(key) ?? null, setItem: (key: string, value: string) => void store.set(key, value) };
  const addresses: string[] = [];
  const history = { state: { kept: true }, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void addresses.push(String(url)) };
  return { store, storage, history, addresses };
}

describe('takeToken', () => {
  it('moves the token from the address into the tab, keeping the rest of the address', () => {
    const { store, storage, history, addresses } = tab();
    expect(takeToken('http://127.0.0.1:4000/?token=abc-123&lesson=convoy#run', history, storage)).toBe('abc-123');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc-123');
    expect(addresses).toEqual(['/?lesson=convoy#run']);
  });

  it('after a reload (no token in the address) reads it from the tab', () => {
    const { storage, history, addresses } = tab({ [TOKEN_STORAGE_KEY]: 'abc-123' });
    expect(takeToken('http://127.0.0.1:4000/', history, storage)).toBe('abc-123');
    expect(addresses).toEqual([]);
  });

  it('a new token in the address replaces the one the tab held (the host restarted)', () => {
    const { store, storage, history } = tab({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeToken('http://127.0.0.1:4000/?token=new', history, storage)).toBe('new');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('leaves the token in the address when the tab cannot keep it, so a reload still works', () => {
    const { history, addresses } = tab();
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(takeToken('http://127.0.0.1:4000/?token=abc', history, refusing)).toBe('abc');
    expect(takeToken('http://127.0.0.1:4000/?token=abc', history, undefined)).toBe('abc');
    expect(addresses).toEqual([]);
  });

  it('answers an empty token, never a throw, when there is none to be had', () => {
    const { storage, history } = tab();
    expect(takeToken('http://127.0.0.1:4000/', history, storage)).toBe('');
    expect(takeToken('not a url', history, storage)).toBe('');
  });
});
