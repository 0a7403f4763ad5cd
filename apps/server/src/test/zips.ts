// Test factories for ZIP archives written byte by byte, so that tests can make an archive say what no real
// writer would (sizes that lie, an encrypted flag, ten thousand entries), and read parts back.
import zlib from 'node:zlib';
import {
  centralHeader,
  DEFLATED,
  endOfCentralDirectory,
  localHeader,
  STORED,
  type ZipEntry,
} from '../core/office/zip.ts';

export interface HandEntry {
  name: string;
  data: Buffer;
  method?: 'store' | 'deflate';
  /** Overrides the declared uncompressed size (a lying central directory). */
  declaredSize?: number;
  /** Sets the "encrypted" flag. */
  encrypted?: boolean;
  /** Writes the sizes as ZIP64 does: 0xFFFFFFFF in the directory, the real ones in extra field 0x0001. */
  zip64?: boolean;
}

function zip64CentralHeader(entry: ZipEntry): Buffer {
  const header = centralHeader({ ...entry, compressedSize: 0xffffffff, uncompressedSize: 0xffffffff });
  const extra = Buffer.alloc(20);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(16, 2);
  extra.writeBigUInt64LE(BigInt(entry.uncompressedSize), 4);
  extra.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
  header.writeUInt16LE(extra.length, 30);
  return Buffer.concat([header, extra]);
}

/** An archive written byte by byte, so tests can make it say things a real writer never would. */
export function zipOf(entries: HandEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const compressed = spec.method === 'store' ? spec.data : zlib.deflateRawSync(spec.data);
    const entry: ZipEntry = {
      name: spec.name,
      flags: spec.encrypted ? 0x0801 : 0x0800,
      method: spec.method === 'store' ? STORED : DEFLATED,
      crc32: zlib.crc32(spec.data),
      compressedSize: compressed.length,
      uncompressedSize: spec.declaredSize ?? spec.data.length,
      localHeaderOffset: offset,
    };
    const header = localHeader(entry);
    parts.push(header, compressed);
    central.push(spec.zip64 ? zip64CentralHeader(entry) : centralHeader(entry));
    offset += header.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  return Buffer.concat([
    ...parts,
    directory,
    endOfCentralDirectory(entries.length, directory.length, offset),
  ]);
}

/** The parts of an .xlsx (or any zip), inflated. */
export function unzipParts(archive: Buffer): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(eocd + 10);
  let at = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + compressedSize);
    parts.set(name, method === STORED ? Buffer.from(data) : zlib.inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}
