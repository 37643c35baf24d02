import { describe, expect, it } from 'vitest';
import { cookieValue, hostAllowed, MAX_TARGET_LENGTH, newSecret, originAllowed, pageCookieName, parseTarget, sameSecret } from './access';

describe('parseTarget', () => {
  it('splits an origin-form target into its encoded path and its query', () => {
    const target = parseTarget('/bridge?token=a%2Bb&x=1#frag');
    expect(target?.path).toBe('/bridge');
    expect(target?.query.get('token')).toBe('a+b');
    expect(parseTarget('/')?.path).toBe('/');
    expect(parseTarget('/assets/%2e%2e/x')?.path).toBe('/assets/%2e%2e/x');
  });

  it('refuses, without throwing, every target new URL() would misread or choke on', () => {
    const bad: unknown[] = [
      '//a:b',
      '//evil.example/bridge',
      'http://127.0.0.1:1/',
      '*',
      '',
      'bridge',
      '/\\a:b',
      '/a\\..\\b',
      '/a b',
      '/a\u0000b',
      '/\u00e9',
      '/' + 'a'.repeat(MAX_TARGET_LENGTH),
      undefined,
      null,
      42,
    ];
    for (const raw of bad) expect(parseTarget(raw), String(raw)).toBeUndefined();
  });

  it('keeps a malformed escape in the query as it is', () => {
    expect(parseTarget('/?token=%zz%')?.query.get('token')).toBe('%zz%');
  });
});

describe('host and origin', () => {
  it('accept only our port on 127.0.0.1 and localhost', () => {
    expect(hostAllowed('127.0.0.1:4000', 4000)).toBe(true);
    expect(hostAllowed('localhost:4000', 4000)).toBe(true);
    for (const host of ['127.0.0.1:4001', 'evil.example:4000', '127.0.0.1', '[::1]:4000', ' 127.0.0.1:4000', '', undefined, ['127.0.0.1:4000']]) {
      expect(hostAllowed(host, 4000), String(host)).toBe(false);
    }
    expect(originAllowed('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(originAllowed('http://localhost:4000', 4000)).toBe(true);
    for (const origin of ['https://127.0.0.1:4000', 'http://127.0.0.1:4000/', 'null', 'http://evil.example', undefined]) {
      expect(originAllowed(origin, 4000), String(origin)).toBe(false);
    }
  });
});

describe('secrets and cookies', () => {
  it('compares secrets exactly, whatever the given value is', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(newSecret()).not.toBe(secret);
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret.slice(1), secret)).toBe(false);
    expect(sameSecret(secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(), secret)).toBe(false);
    for (const given of [undefined, null, 12, '', 'x'.repeat(1_000_000), ['a']]) expect(sameSecret(given, secret)).toBe(false);
    // Same length in characters, different in bytes: must not throw in timingSafeEqual.
    expect(sameSecret('\u00e9'.repeat(secret.length), secret)).toBe(false);
  });

  it('reads one cookie among others, and names it by port', () => {
    const name = pageCookieName(4000);
    expect(name).not.toBe(pageCookieName(4001));
    expect(cookieValue(`a=1; ${name}=v=w; b=2`, name)).toBe('v=w');
    expect(cookieValue(`${name}=first; ${name}=second`, name)).toBe('first');
    expect(cookieValue(`x${name}=no`, name)).toBeUndefined();
    expect(cookieValue('garbage;;;=;', name)).toBeUndefined();
    expect(cookieValue(undefined, name)).toBeUndefined();
  });
});
