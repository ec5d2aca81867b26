// Draws the Teams app icons (a shield with a check mark) so they can be regenerated rather than hand-edited.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

interface Point {
  x: number;
  y: number;
}

interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Same value as `accentColor` in appPackage/manifest.json. */
export const ACCENT: Rgb = { r: 0x1e, g: 0x5b, b: 0x6e };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const TINT: Rgb = { r: 0xd4, g: 0xe5, b: 0xea };

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;
// Teams asks for a 96×96 symbol with 48 px padding on the colour icon.
const COLOR_GLYPH = { offset: 48, size: 96 };
// The outline icon has no padding; one pixel keeps the anti-aliased stroke inside the canvas.
const OUTLINE_GLYPH = { offset: 1, size: 30 };
const SUBSAMPLES = 4;

const CHECK: readonly Point[] = [
  { x: 0.31, y: 0.51 },
  { x: 0.45, y: 0.65 },
  { x: 0.7, y: 0.36 },
];

/** Top edge dips by `sag` towards the middle; the sides run straight, then curve to a point at y = 0.98. */
function shieldOutline(top: number, sag: number): Point[] {
  const points: Point[] = [];
  const steps = 48;
  for (let i = 0; i <= steps; i += 1) {
    const x = 0.1 + (0.8 * i) / steps;
    const k = (x - 0.5) / 0.4;
    points.push({ x, y: top + sag * (1 - k * k) });
  }
  for (let i = 0; i <= steps; i += 1) {
    const t = i / steps;
    points.push({ x: 0.5 + 0.4 * (1 - t * t), y: 0.48 + 0.5 * t });
  }
  for (let i = steps - 1; i >= 0; i -= 1) {
    const t = i / steps;
    points.push({ x: 0.5 - 0.4 * (1 - t * t), y: 0.48 + 0.5 * t });
  }
  return points;
}

// The outline icon gets a flat top so its 2 px strokes land on whole pixels.
const COLOR_SHIELD = shieldOutline(0.02, 0.06);
const OUTLINE_SHIELD = shieldOutline(0, 0);

function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
    const a = polygon[i];
    const b = polygon[j];
    if (a === undefined || b === undefined) continue;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) {
      inside = !inside;
    }
  }
  return inside;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function distanceToPath(p: Point, path: readonly Point[], closed: boolean): number {
  let best = Number.POSITIVE_INFINITY;
  const count = closed ? path.length : path.length - 1;
  for (let i = 0; i < count; i += 1) {
    const a = path[i];
    const b = path[(i + 1) % path.length];
    if (a === undefined || b === undefined) continue;
    best = Math.min(best, distanceToSegment(p, a, b));
  }
  return best;
}

/** Renders with SUBSAMPLES² samples per pixel; `sample` returns a colour or null for transparent. */
function render(
  size: number,
  glyph: { offset: number; size: number },
  sample: (p: Point) => Rgb | null,
): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const u = (px + (sx + 0.5) / SUBSAMPLES - glyph.offset) / glyph.size;
          const v = (py + (sy + 0.5) / SUBSAMPLES - glyph.offset) / glyph.size;
          const colour = sample({ x: u, y: v });
          if (colour === null) continue;
          r += colour.r;
          g += colour.g;
          b += colour.b;
          hits += 1;
        }
      }
      const index = (py * size + px) * 4;
      png.data[index] = hits === 0 ? 0 : Math.round(r / hits);
      png.data[index + 1] = hits === 0 ? 0 : Math.round(g / hits);
      png.data[index + 2] = hits === 0 ? 0 : Math.round(b / hits);
      png.data[index + 3] = Math.round((255 * hits) / (SUBSAMPLES * SUBSAMPLES));
    }
  }
  return png;
}

/** 192×192, opaque accent background, white two-tone shield with the check cut out. */
export function drawColorIcon(): Buffer {
  const png = render(COLOR_SIZE, COLOR_GLYPH, (p) => {
    if (!insidePolygon(p, COLOR_SHIELD)) return ACCENT;
    if (distanceToPath(p, CHECK, false) <= 0.06) return ACCENT;
    return p.x < 0.5 ? WHITE : TINT;
  });
  return PNG.sync.write(png);
}

/** 32×32, white strokes on transparent: the shield's edge and the check. */
export function drawOutlineIcon(): Buffer {
  const edge = 2 / OUTLINE_GLYPH.size;
  const checkHalfWidth = 1.2 / OUTLINE_GLYPH.size;
  const png = render(OUTLINE_SIZE, OUTLINE_GLYPH, (p) => {
    const onEdge =
      insidePolygon(p, OUTLINE_SHIELD) && distanceToPath(p, OUTLINE_SHIELD, true) <= edge;
    const onCheck = distanceToPath(p, CHECK, false) <= checkHalfWidth;
    return onEdge || onCheck ? WHITE : null;
  });
  return PNG.sync.write(png);
}

export function writeIcons(appPackageDir: string): void {
  writeFileSync(path.join(appPackageDir, 'color.png'), drawColorIcon());
  writeFileSync(path.join(appPackageDir, 'outline.png'), drawOutlineIcon());
}

// Run from the repository root: `npx tsx scripts/make-icons.ts`.
if (path.basename(process.argv[1] ?? '') === 'make-icons.ts') {
  const appPackageDir = path.resolve('appPackage');
  writeIcons(appPackageDir);
  console.log(`Wrote color.png and outline.png to ${path.relative(process.cwd(), appPackageDir)}`);
}
