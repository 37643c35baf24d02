import { describe, expect, it } from 'vitest';
import { HOST_STOPPED } from '../api/ws-client';
import { connectionSentence } from './banners';

describe('the connection banner', () => {
  it('tells a refused tab to open the printed address, not to restart a host that is running', () => {
    const sentence = connectionSentence('refused', '127.0.0.1:4321');
    expect(sentence).toContain('http://127.0.0.1:4321/?token=');
    expect(sentence).toMatch(/address the host printed/);
    expect(sentence).not.toContain(HOST_STOPPED);
    expect(sentence).not.toMatch(/restart|stopped/i);
  });

  it('tells a tab whose host went away to restart it and reload', () => {
    expect(connectionSentence('lost', '127.0.0.1:4321')).toBe(`${HOST_STOPPED}, then reload this page.`);
  });

  it('says nothing while connecting or open', () => {
    expect(connectionSentence('connecting', 'x')).toBeNull();
    expect(connectionSentence('open', 'x')).toBeNull();
  });
});
