import { describe, expect, it } from 'vitest';
import { crc32Bytes } from './crc32';
import { crc32 } from './backup-format';

describe('crc32', () => {
  it('matches the standard check value of CRC-32/ISO-HDLC', () => {
    expect(crc32Bytes(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('backup checksums change when one character changes and stay stable otherwise', () => {
    expect(crc32('接诉台 backup')).toBe(crc32('接诉台 backup'));
    expect(crc32('接诉台 backup')).not.toBe(crc32('接诉台 backuq'));
  });
});
