import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  DEFAULT_IMAGES,
  officialImage,
  parseImageOverrides,
  resolveImage,
} from '../../src/vocabulary/images.js';

describe('images', () => {
  it('pins one official default per engine', () => {
    expect(DEFAULT_IMAGES).toEqual({
      postgres: 'postgres:17-alpine',
      mysql: 'mysql:8.4',
      mariadb: 'mariadb:11.4',
    });
  });

  it('maps --engine versions to official tags', () => {
    expect(officialImage('postgres', '16')).toBe('postgres:16-alpine');
    expect(officialImage('postgres', '15.8')).toBe('postgres:15.8-alpine');
    expect(officialImage('mysql', '8.0')).toBe('mysql:8.0');
    expect(officialImage('mariadb', '10.11')).toBe('mariadb:10.11');
    expect(resolveImage({ engine: 'mariadb', version: null })).toBe('mariadb:11.4');
    expect(() => officialImage('postgres', '16; rm -rf /')).toThrow(UsageError);
  });

  it('lets --image override per engine or per engine version, and keeps the version tag for a tagless mirror', () => {
    const overrides = parseImageOverrides([
      'postgres=mirror.example:5000/library/postgres',
      'postgres:15=registry.local/pg15:custom',
      'mysql=registry.local/mysql@sha256:abc',
    ]);
    expect(resolveImage({ engine: 'postgres', version: '16' }, overrides)).toBe(
      'mirror.example:5000/library/postgres:16-alpine',
    );
    expect(resolveImage({ engine: 'postgres', version: '15' }, overrides)).toBe('registry.local/pg15:custom');
    expect(resolveImage({ engine: 'mysql', version: '8.4' }, overrides)).toBe(
      'registry.local/mysql@sha256:abc',
    );
    expect(resolveImage({ engine: 'mariadb', version: '11.4' }, overrides)).toBe('mariadb:11.4');
    // The spec's own image (set from --image by the CLI) wins over everything.
    expect(resolveImage({ engine: 'postgres', version: '15', image: 'mine/pg:1' }, overrides)).toBe(
      'mine/pg:1',
    );
    expect(resolveImage({ engine: 'postgres', version: null, image: 'mirror.example/postgres' })).toBe(
      'mirror.example/postgres:17-alpine',
    );
  });

  it('rejects malformed --image values with a message that names the flag', () => {
    for (const bad of ['postgres', 'oracle=oracle:23', '=postgres:16', 'postgres=', 'postgres=a b']) {
      expect(() => parseImageOverrides([bad])).toThrow(UsageError);
      expect(() => parseImageOverrides([bad])).toThrow(/^--image /);
    }
  });
});
