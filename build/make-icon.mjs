// Draws the app icon (build/icon.png, 512x512 RGBA) without any image library: a blue rounded
// square with a white "iS" built from geometry, anti-aliased by 4x4 supersampling, encoded as PNG
// with node:zlib. electron-builder derives the Windows .ico and macOS .icns from this file.
// Run: node build/make-icon.mjs
import { Buffer } from 'node:buffer'
import { writeFileSync } from 'node:fs'
import { stdout } from 'node:process'
import { fileURLToPath, URL } from 'node:url'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const SAMPLES = 4

// Background: rounded square with a small margin (macOS-style), vertical blue gradient.
const MARGIN = 24
const RADIUS = 96
const TOP = [0x2b, 0x7c, 0xe9]
const BOTTOM = [0x0e, 0x4a, 0xa8]

// Glyphs: stroke width and the S as two circular bowls.
const STROKE = 46
const HALF = STROKE / 2
const S_R = 58
const S_CX = 300
const S_TOP_CY = 256 - S_R
const S_BOTTOM_CY = 256 + S_R
const I_X0 = 134
const I_X1 = I_X0 + STROKE
const I_TOP = 208
const I_BOTTOM = 256 + 2 * S_R + HALF
const DOT = { x: (I_X0 + I_X1) / 2, y: 150, r: 29 }

const deg = (d) => (d * Math.PI) / 180

function inRoundedSquare(x, y) {
  const lo = MARGIN
  const hi = SIZE - MARGIN
  if (x < lo || x > hi || y < lo || y > hi) return false
  const cx = Math.min(Math.max(x, lo + RADIUS), hi - RADIUS)
  const cy = Math.min(Math.max(y, lo + RADIUS), hi - RADIUS)
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2
}

/** Distance from (x, y) to an arc of radius r around (cx, cy) from angle a0 to a1 (a0 < a1). */
function arcDistance(x, y, cx, cy, r, a0, a1) {
  let a = Math.atan2(y - cy, x - cx)
  while (a < a0) a += 2 * Math.PI
  if (a <= a1) return Math.abs(Math.hypot(x - cx, y - cy) - r)
  const end = (t) => Math.hypot(x - (cx + r * Math.cos(t)), y - (cy + r * Math.sin(t)))
  return Math.min(end(a0), end(a1))
}

function inGlyphs(x, y) {
  // i: dot and a stem with rounded ends.
  if ((x - DOT.x) ** 2 + (y - DOT.y) ** 2 <= DOT.r ** 2) return true
  const sx = (I_X0 + I_X1) / 2
  const sy = Math.min(Math.max(y, I_TOP + HALF), I_BOTTOM - HALF)
  if (Math.hypot(x - sx, y - sy) <= HALF) return true
  // S (y grows downwards): the upper bowl runs from its upper-right end over the top and left
  // to the middle; the lower bowl from the middle over the right and bottom to its lower-left end.
  if (arcDistance(x, y, S_CX, S_TOP_CY, S_R, deg(90), deg(340)) <= HALF) return true
  if (arcDistance(x, y, S_CX, S_BOTTOM_CY, S_R, deg(-90), deg(160)) <= HALF) return true
  return false
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4)
  const n = SAMPLES * SAMPLES
  for (let py = 0; py < SIZE; py++) {
    const t = py / (SIZE - 1)
    const bg = TOP.map((c, i) => Math.round(c + (BOTTOM[i] - c) * t))
    for (let px = 0; px < SIZE; px++) {
      let cover = 0
      let ink = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES
          const y = py + (sy + 0.5) / SAMPLES
          if (!inRoundedSquare(x, y)) continue
          cover++
          if (inGlyphs(x, y)) ink++
        }
      }
      const o = (py * SIZE + px) * 4
      if (cover === 0) continue
      // Colour of the covered part: background blended with white ink; alpha = coverage.
      const white = ink / cover
      for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(bg[i] + (255 - bg[i]) * white)
      rgba[o + 3] = Math.round((255 * cover) / n)
    }
  }
  return rgba
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: RGBA
  // compression, filter and interlace: 0
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0 // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const out = fileURLToPath(new URL('./icon.png', import.meta.url))
writeFileSync(out, encodePng(render(), SIZE, SIZE))
stdout.write(`wrote ${out}\n`)
