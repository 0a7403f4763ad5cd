// ZIP containers (an .xlsx is one): a small central-directory reader that refuses zip bombs before
// anything is inflated (entry count, declared sizes, compression ratio), a verifying copy of chosen entries
// into a fresh, plain archive (sizes and CRC checked while inflating, nothing trusted from local headers),
// and the header builders both use. No dependency: the format is a few fixed-layout records.
import fs from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const UTF8_NAMES = 0x0800;
export const STORED = 0;
export const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of every entry's declared uncompressed size. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed, for entries larger than `ratioFloorBytes` (small files compress oddly). */
  maxRatio: number;
  ratioFloorBytes: number;
}

export type ZipProblemCode =
  | 'NOT_ZIP'
  | 'ZIP_CORRUPT'
  | 'ZIP_TOO_MANY_ENTRIES'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_RATIO'
  | 'ZIP_ENCRYPTED'
  | 'ZIP_UNSUPPORTED'
  | 'ZIP_SIZE_MISMATCH';

export class ZipProblem extends Error {
  constructor(
    readonly code: ZipProblemCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ZipProblem';
  }
}

async function readAt(file: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipProblem('ZIP_CORRUPT', `short read at ${position}`);
  return buffer;
}

/** The end-of-central-directory record: where the directory is and how many entries it claims. */
async function locateCentralDirectory(file: fs.promises.FileHandle, fileSize: number) {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(file, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipProblem('NOT_ZIP', 'no end of central directory');
  const eocdOffset = fileSize - tailLength + at;
  let entries = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) {
    throw new ZipProblem('ZIP_UNSUPPORTED', 'multi-disk archive');
  }
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: a locator just before the record points at the 64-bit record.
    if (eocdOffset < 20) throw new ZipProblem('ZIP_CORRUPT', 'no zip64 locator');
    const locator = await readAt(file, eocdOffset - 20, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipProblem('ZIP_CORRUPT', 'no zip64 locator');
    const recordOffset = Number(locator.readBigUInt64LE(8));
    if (recordOffset + 56 > eocdOffset) throw new ZipProblem('ZIP_CORRUPT', 'zip64 record out of range');
    const record = await readAt(file, recordOffset, 56);
    if (record.readUInt32LE(0) !== ZIP64_END) throw new ZipProblem('ZIP_CORRUPT', 'bad zip64 record');
    entries = Number(record.readBigUInt64LE(32));
    size = Number(record.readBigUInt64LE(40));
    offset = Number(record.readBigUInt64LE(48));
  }
  if (offset + size > eocdOffset) throw new ZipProblem('ZIP_CORRUPT', 'central directory out of range');
  return { entries, size, offset };
}

/**
 * Reads and checks the central directory: the entry count is refused before the directory is even read,
 * then every entry's declared sizes, ratio and method; nothing is inflated.
 */
export async function readCentralDirectory(filePath: string, limits: ZipLimits): Promise<ZipEntry[]> {
  const file = await fs.promises.open(filePath, 'r');
  try {
    const { size: fileSize } = await file.stat();
    if (fileSize < 22) throw new ZipProblem('NOT_ZIP', 'too short');
    const directory = await locateCentralDirectory(file, fileSize);
    if (directory.entries > limits.maxEntries) {
      throw new ZipProblem('ZIP_TOO_MANY_ENTRIES', `${directory.entries} entries`);
    }
    const buffer = await readAt(file, directory.offset, directory.size);
    const entries: ZipEntry[] = [];
    let total = 0;
    let at = 0;
    while (at < buffer.length) {
      if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER) {
        throw new ZipProblem('ZIP_CORRUPT', `bad central header at ${at}`);
      }
      const nameLength = buffer.readUInt16LE(at + 28);
      const extraLength = buffer.readUInt16LE(at + 30);
      const commentLength = buffer.readUInt16LE(at + 32);
      const end = at + 46 + nameLength + extraLength + commentLength;
      if (end > buffer.length) throw new ZipProblem('ZIP_CORRUPT', 'central header overruns');
      const entry: ZipEntry = {
        name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
        flags: buffer.readUInt16LE(at + 8),
        method: buffer.readUInt16LE(at + 10),
        crc32: buffer.readUInt32LE(at + 16),
        compressedSize: buffer.readUInt32LE(at + 20),
        uncompressedSize: buffer.readUInt32LE(at + 24),
        localHeaderOffset: buffer.readUInt32LE(at + 42),
      };
      applyZip64Extra(entry, buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      entries.push(entry);
      if (entries.length > limits.maxEntries) {
        throw new ZipProblem('ZIP_TOO_MANY_ENTRIES', `more than ${limits.maxEntries} entries`);
      }
      checkEntry(entry, limits, fileSize);
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) throw new ZipProblem('ZIP_TOO_LARGE', `${total} bytes`);
      at = end;
    }
    return entries;
  } finally {
    await file.close();
  }
}

/** 64-bit sizes and offset live in extra field 0x0001, in this order, for the fields that overflowed. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === ZIP64_EXTRA) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw new ZipProblem('ZIP_CORRUPT', 'short zip64 extra field');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

function checkEntry(entry: ZipEntry, limits: ZipLimits, fileSize: number): void {
  if (entry.flags & 0x1) throw new ZipProblem('ZIP_ENCRYPTED', entry.name);
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new ZipProblem('ZIP_UNSUPPORTED', `method ${entry.method} in ${entry.name}`);
  }
  if (entry.method === STORED && entry.compressedSize !== entry.uncompressedSize) {
    throw new ZipProblem('ZIP_CORRUPT', `stored entry ${entry.name} with two sizes`);
  }
  if (entry.localHeaderOffset + 30 + entry.compressedSize > fileSize) {
    throw new ZipProblem('ZIP_CORRUPT', `entry ${entry.name} out of range`);
  }
  if (entry.uncompressedSize > limits.maxUncompressedBytes) {
    throw new ZipProblem('ZIP_TOO_LARGE', `${entry.name}: ${entry.uncompressedSize} bytes`);
  }
  if (
    entry.uncompressedSize > limits.ratioFloorBytes &&
    entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)
  ) {
    throw new ZipProblem('ZIP_RATIO', `${entry.name}: ${entry.uncompressedSize} / ${entry.compressedSize}`);
  }
}

/** Where an entry's data starts: after its local header, whose name and extra lengths may differ. */
async function dataOffset(file: fs.promises.FileHandle, entry: ZipEntry): Promise<number> {
  const header = await readAt(file, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_HEADER)
    throw new ZipProblem('ZIP_CORRUPT', `no local header: ${entry.name}`);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/**
 * Inflates one entry, handing each chunk to `onData`, and checks that it inflates to exactly the declared
 * size and CRC: reading stops as soon as it grows past the declared size, so the directory cannot lie.
 * `onRaw` sees the compressed bytes as they are read (to copy them).
 */
export async function inflateEntry(
  filePath: string,
  entry: ZipEntry,
  onData: (chunk: Buffer) => void,
  onRaw?: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  const file = await fs.promises.open(filePath, 'r');
  let start: number;
  try {
    start = await dataOffset(file, entry);
  } finally {
    await file.close();
  }
  if (entry.compressedSize === 0) {
    if (entry.uncompressedSize !== 0) throw new ZipProblem('ZIP_SIZE_MISMATCH', entry.name);
    return;
  }
  let inflated = 0;
  let crc = 0;
  const verify = new Writable({
    write(chunk: Buffer, _encoding, done) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) {
        done(new ZipProblem('ZIP_SIZE_MISMATCH', `${entry.name} inflates past its declared size`));
        return;
      }
      crc = zlib.crc32(chunk, crc);
      try {
        onData(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const copy = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!onRaw) return done(null, chunk);
      onRaw(chunk).then(() => done(null, chunk), done);
    },
  });
  const source = fs.createReadStream(filePath, { start, end: start + entry.compressedSize - 1 });
  try {
    if (entry.method === DEFLATED) {
      await pipeline(source, copy, zlib.createInflateRaw(), verify);
    } else {
      await pipeline(source, copy, verify);
    }
  } catch (error) {
    if (error instanceof ZipProblem) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) throw new ZipProblem('ZIP_CORRUPT', entry.name);
    throw error;
  }
  if (inflated !== entry.uncompressedSize) throw new ZipProblem('ZIP_SIZE_MISMATCH', entry.name);
  if (crc >>> 0 !== entry.crc32 >>> 0) throw new ZipProblem('ZIP_CORRUPT', `CRC of ${entry.name}`);
}

/** An entry inflated into memory (small parts only: the content types, the workbook and its relations). */
export async function readEntry(filePath: string, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxBytes) throw new ZipProblem('ZIP_TOO_LARGE', entry.name);
  const chunks: Buffer[] = [];
  await inflateEntry(filePath, entry, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}

// DOS date 1980-01-01, time 00:00: the copies carry no meaningful time.
const DOS_DATE = 0x21;

/** A local file header for an entry whose sizes and CRC are known (no data descriptor). */
export function localHeader(entry: Omit<ZipEntry, 'localHeaderOffset'>): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(entry.crc32 >>> 0, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name]);
}

export function centralHeader(entry: ZipEntry): Buffer {
  const name = Buffer.from(entry.name, 'utf8');
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(0, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc32 >>> 0, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.uncompressedSize, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(entry.localHeaderOffset, 42);
  return Buffer.concat([header, name]);
}

export function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  record.writeUInt16LE(entries, 8);
  record.writeUInt16LE(entries, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

export interface CopiedEntry {
  entry: ZipEntry;
  /** The name it gets in the copy. */
  as: string;
  /** Sees the inflated data (to scan it) while it is verified. */
  onData?: (chunk: Buffer) => void;
}

/** A small part the copy adds itself (stored, not compressed). */
export interface AddedEntry {
  as: string;
  data: Buffer;
}

/**
 * Writes a fresh archive holding only `entries`, in the order given, under their new names: compressed
 * bytes copied as they are, each entry verified (size, CRC) on the way. What a later reader sees is then
 * exactly what was checked.
 */
export async function copyEntries(
  sourcePath: string,
  entries: (CopiedEntry | AddedEntry)[],
  targetPath: string,
): Promise<void> {
  const target = await fs.promises.open(targetPath, 'wx', 0o600);
  try {
    let offset = 0;
    const written: ZipEntry[] = [];
    const write = async (chunk: Buffer) => {
      await target.write(chunk);
      offset += chunk.length;
    };
    for (const item of entries) {
      const copy: ZipEntry =
        'entry' in item
          ? { ...item.entry, name: item.as, flags: UTF8_NAMES, localHeaderOffset: offset }
          : {
              name: item.as,
              flags: UTF8_NAMES,
              method: STORED,
              crc32: zlib.crc32(item.data),
              compressedSize: item.data.length,
              uncompressedSize: item.data.length,
              localHeaderOffset: offset,
            };
      await write(localHeader(copy));
      if ('entry' in item)
        await inflateEntry(sourcePath, item.entry, item.onData ?? (() => undefined), write);
      else await write(item.data);
      written.push(copy);
    }
    const directoryOffset = offset;
    for (const entry of written) await write(centralHeader(entry));
    await write(endOfCentralDirectory(written.length, offset - directoryOffset, directoryOffset));
  } finally {
    await target.close();
  }
}
