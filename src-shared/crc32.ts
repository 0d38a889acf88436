// CRC-32 (IEEE 802.3, the polynomial PNG and zip use). Shared by the PNG encoder of the documents and the
// checksum of desk backups, so the table is written once.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Folds one byte into a running (un-finalised) CRC. */
export function crc32Step(crc: number, byte: number): number {
  return (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
}

/** CRC-32 of bytes, as an unsigned number. */
export function crc32Bytes(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = crc32Step(c, b);
  return (c ^ 0xffffffff) >>> 0;
}
