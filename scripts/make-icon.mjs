#!/usr/bin/env node
// Draws build/icon.png (512×512): a rounded navy tile with the app's diamond mark. Kept as code
// so the icon can be regenerated without an image editor; electron-builder derives .icns/.ico.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;

function coverage(x, y) {
  let tile = 0;
  let diamond = 0;
  let inner = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const px = x + (sx + 0.5) / SAMPLES;
      const py = y + (sy + 0.5) / SAMPLES;
      const r = 96;
      const cx = Math.min(Math.max(px, r + 16), SIZE - r - 16);
      const cy = Math.min(Math.max(py, r + 16), SIZE - r - 16);
      if (Math.hypot(px - cx, py - cy) <= r) tile++;
      const d = Math.abs(px - 256) + Math.abs(py - 256);
      if (d <= 170) diamond++;
      if (d <= 92) inner++;
    }
  }
  const n = SAMPLES * SAMPLES;
  return [tile / n, diamond / n, inner / n];
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let x = 0; x < SIZE; x++) {
    const [tile, diamond, inner] = coverage(x, y);
    const t = y / SIZE;
    let rgb = [17, 24, 39];
    const mark = [Math.round(124 - 40 * t), Math.round(147 - 60 * t), 255];
    rgb = rgb.map((c, i) => c + (mark[i] - c) * diamond);
    rgb = rgb.map((c, i) => c + ([17, 24, 39][i] - c) * inner);
    const o = 1 + x * 4;
    row[o] = Math.round(rgb[0]);
    row[o + 1] = Math.round(rgb[1]);
    row[o + 2] = Math.round(rgb[2]);
    row[o + 3] = Math.round(255 * tile);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8;
header[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.resolve(import.meta.dirname, '..', 'build', 'icon.png');
fs.writeFileSync(out, png);
process.stdout.write(`wrote ${out} (${png.length} bytes)\n`);
