import { crc32, inflateRawSync } from 'node:zlib'

/**
 * A minimal, synchronous zip reader for tests: the entries of a (non-zip64) archive by name,
 * from its central directory, with node's zlib. Independent of exceljs and its zip libraries, so
 * an xlsx is checked by code that did not write it. Throws on anything it cannot read whole
 * (a truncated or mixed file fails here), and on an entry whose CRC-32 does not match its data.
 */
export function zipEntries(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0 || eocd + 22 > zip.length) throw new Error('zip: no end of central directory')
  const count = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  const entries = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('zip: bad central directory entry')
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const crcSize = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip: bad local header of ${name}`)
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const raw = zip.subarray(dataStart, dataStart + crcSize)
    if (raw.length !== crcSize) throw new Error(`zip: ${name} is truncated`)
    const data = method === 0 ? raw : inflateRawSync(raw)
    if (data.length !== size) throw new Error(`zip: ${name} has the wrong size`)
    if (crc32(data) !== crc) throw new Error(`zip: ${name} has the wrong CRC-32`)
    entries.set(name, data)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
