// 验证码图片 the sign-in challenge's image: random digits drawn as strokes onto a small raster, each
// turned and shifted, along a wave, over speckles and crossing lines, written as a PNG — all here, with no
// font, image library or outside service, so it works on a closed network. A raster and not an SVG: an
// SVG would carry the shapes as data a script reads directly.
import { randomInt } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

export const CHALLENGE_LENGTH = 5;
/** Digits that cannot be taken for letters or for each other (no 0/1). */
const CHALLENGE_DIGITS = '23456789';
const WIDTH = 160;
const HEIGHT = 56;

type Point = readonly [number, number];
/** Each digit as polylines on a 4 × 6 grid (y down). */
const GLYPHS: Record<string, readonly (readonly Point[])[]> = {
  '2': [
    [
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [0, 6],
      [4, 6],
    ],
  ],
  '3': [
    [
      [0, 0],
      [4, 0],
      [2, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [0, 6],
    ],
  ],
  '4': [
    [
      [3, 6],
      [3, 0],
      [0, 4],
      [4, 4],
    ],
  ],
  '5': [
    [
      [4, 0],
      [0, 0],
      [0, 2.5],
      [3, 2.5],
      [4, 3.5],
      [4, 5],
      [3, 6],
      [0, 6],
    ],
  ],
  '6': [
    [
      [3.5, 0],
      [1, 0],
      [0, 1.5],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 4],
      [3, 3],
      [0, 3],
    ],
  ],
  '7': [
    [
      [0, 0],
      [4, 0],
      [1.5, 6],
    ],
  ],
  '8': [
    [
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 2],
      [3, 3],
      [1, 3],
      [0, 4],
      [0, 5],
      [1, 6],
      [3, 6],
      [4, 5],
      [4, 4],
      [3, 3],
      [1, 3],
      [0, 2],
      [0, 1],
      [1, 0],
    ],
  ],
  '9': [
    [
      [4, 3],
      [1, 3],
      [0, 2],
      [0, 1],
      [1, 0],
      [3, 0],
      [4, 1],
      [4, 4.5],
      [2.5, 6],
      [0.5, 6],
    ],
  ],
};

/** The characters a new challenge shows. */
export function challengeText(): string {
  let text = '';
  for (let i = 0; i < CHALLENGE_LENGTH; i++) text += CHALLENGE_DIGITS[randomInt(CHALLENGE_DIGITS.length)];
  return text;
}

const between = (low: number, high: number) => low + (randomInt(1_000_000) / 1_000_000) * (high - low);

class Raster {
  readonly pixels = Buffer.alloc(WIDTH * HEIGHT * 3);

  fill(r: number, g: number, b: number): void {
    for (let i = 0; i < WIDTH * HEIGHT; i++) this.pixels.set([r, g, b], i * 3);
  }

  dot(x: number, y: number, radius: number, color: readonly [number, number, number]): void {
    for (let py = Math.floor(y - radius); py <= Math.ceil(y + radius); py++) {
      for (let px = Math.floor(x - radius); px <= Math.ceil(x + radius); px++) {
        if (px < 0 || py < 0 || px >= WIDTH || py >= HEIGHT) continue;
        if ((px - x) ** 2 + (py - y) ** 2 <= radius * radius) this.pixels.set(color, (py * WIDTH + px) * 3);
      }
    }
  }

  line(a: Point, b: Point, radius: number, color: readonly [number, number, number]): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) * 2));
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      this.dot(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, radius, color);
    }
  }
}

const randomColor = (low: number, high: number): [number, number, number] => [
  Math.round(between(low, high)),
  Math.round(between(low, high)),
  Math.round(between(low, high)),
];

/** Draws `text` (digits of CHALLENGE_DIGITS) and answers the PNG. */
export function drawChallenge(text: string): Buffer {
  const raster = new Raster();
  raster.fill(246, 244, 238);
  for (let i = 0; i < 260; i++) {
    raster.dot(between(0, WIDTH), between(0, HEIGHT), between(0.4, 1.2), randomColor(150, 220));
  }
  const amplitude = between(2, 5);
  const period = between(18, 30);
  const phase = between(0, Math.PI * 2);
  const wave = (x: number, y: number): Point => [x, y + amplitude * Math.sin(x / period + phase)];
  const cell = (WIDTH - 16) / text.length;
  [...text].forEach((ch, index) => {
    const glyph = GLYPHS[ch];
    if (!glyph) throw new Error(`no glyph for ${ch}`);
    const scale = between(4.2, 5.2);
    const angle = between(-0.35, 0.35);
    const originX = 8 + index * cell + between(2, cell - 4 * scale - 2);
    const originY = between(6, HEIGHT - 6 * scale - 6);
    const color = randomColor(20, 110);
    const place = ([gx, gy]: Point): Point => {
      const x = (gx - 2) * scale + between(-0.6, 0.6);
      const y = (gy - 3) * scale + between(-0.6, 0.6);
      return wave(
        originX + 2 * scale + x * Math.cos(angle) - y * Math.sin(angle),
        originY + 3 * scale + x * Math.sin(angle) + y * Math.cos(angle),
      );
    };
    for (const stroke of glyph) {
      const points = stroke.map(place);
      for (let i = 1; i < points.length; i++) raster.line(points[i - 1]!, points[i]!, 1.4, color);
    }
  });
  for (let i = 0; i < 3; i++) {
    const from: Point = [0, between(0, HEIGHT)];
    const to: Point = [WIDTH, between(0, HEIGHT)];
    raster.line(from, to, 0.6, randomColor(60, 140));
  }
  return png(raster.pixels);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGB PNG of the raster: each row behind a filter byte of 0, deflated in one IDAT. */
function png(pixels: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(HEIGHT * (WIDTH * 3 + 1));
  for (let y = 0; y < HEIGHT; y++) {
    pixels.copy(rows, y * (WIDTH * 3 + 1) + 1, y * WIDTH * 3, (y + 1) * WIDTH * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
