import { describe, expect, it } from 'vitest';
import { formatSize } from './format-size';

describe('formatSize', () => {
  it('reads bytes as a person does, up to the gigabytes a browser allows a desk', () => {
    expect([0, 1023, 12 * 1024, 3.4 * 1024 * 1024, 10 * 1024 ** 3 + 512 * 1024 ** 2].map(formatSize)).toEqual(['0 B', '1023 B', '12 kB', '3.4 MB', '10.5 GB']);
  });
});
