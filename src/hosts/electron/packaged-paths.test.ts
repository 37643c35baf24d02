import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedDir } from './packaged-paths';

describe('unpackedDir', () => {
  it('points inside app.asar.unpacked when the bundle runs from the archive', () => {
    expect(unpackedDir(join('/opt', 'GIL Lab', 'resources', 'app.asar', 'out', 'main'))).toBe(join('/opt', 'GIL Lab', 'resources', 'app.asar.unpacked', 'out', 'main'));
  });
  it('leaves a source checkout alone', () => {
    expect(unpackedDir(join('/home', 'me', 'gil-lab', 'out', 'main'))).toBe(join('/home', 'me', 'gil-lab', 'out', 'main'));
    expect(unpackedDir(join('/home', 'app.asarx', 'out'))).toBe(join('/home', 'app.asarx', 'out'));
  });
  it('handles the archive itself as the folder', () => {
    expect(unpackedDir(join('/r', 'app.asar'))).toBe(join('/r', 'app.asar.unpacked'));
    expect(sep.length).toBe(1);
  });
});
