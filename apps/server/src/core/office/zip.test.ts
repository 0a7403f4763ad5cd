// Unit tests of the ZIP reader: limits enforced from the central directory alone (entries, sizes, ratio),
// ZIP64 sizes, the encrypted flag, and directories that lie about what an entry inflates to.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zipOf, type HandEntry } from '../../test/zips.ts';
import { copyEntries, readCentralDirectory, readEntry, ZipProblem, type ZipLimits } from './zip.ts';

const LIMITS: ZipLimits = {
  maxEntries: 100,
  maxUncompressedBytes: 10 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

describe('zip central directory', () => {
  let dir: string;
  let serial = 0;
  const write = (archive: Buffer) => {
    const file = path.join(dir, `${++serial}.zip`);
    fs.writeFileSync(file, archive);
    return file;
  };
  const problemOf = async (entries: HandEntry[] | Buffer, limits = LIMITS) => {
    const file = write(Buffer.isBuffer(entries) ? entries : zipOf(entries));
    try {
      await readCentralDirectory(file, limits);
      return null;
    } catch (error) {
      if (error instanceof ZipProblem) return error.code;
      throw error;
    }
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-zip-test-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists entries with their sizes, and reads one back', async () => {
    const file = write(
      zipOf([
        { name: 'a.xml', data: Buffer.from('<a/>') },
        { name: '中文.txt', data: Buffer.from('你好'), method: 'store' },
      ]),
    );
    const entries = await readCentralDirectory(file, LIMITS);
    assert.deepEqual(
      entries.map((e) => [e.name, e.uncompressedSize]),
      [
        ['a.xml', 4],
        ['中文.txt', 6],
      ],
    );
    assert.equal((await readEntry(file, entries[1]!, 100)).toString(), '你好');
  });

  it('refuses too many entries, too much data, and an abnormal ratio before inflating anything', async () => {
    const tiny = (i: number): HandEntry => ({ name: `e${i}`, data: Buffer.from('x'), method: 'store' });
    assert.equal(await problemOf(Array.from({ length: 101 }, (_, i) => tiny(i))), 'ZIP_TOO_MANY_ENTRIES');
    // Incompressible data declared as 11 MB: under the ratio limit, over the size limit.
    const noise = randomBytes(100 * 1024);
    assert.equal(
      await problemOf([{ name: 'big', data: noise, declaredSize: 11 * 1024 * 1024 }]),
      'ZIP_TOO_LARGE',
    );
    assert.equal(await problemOf([{ name: 'zeros', data: Buffer.alloc(5 * 1024 * 1024) }]), 'ZIP_RATIO');
  });

  it('reads ZIP64 sizes from the extra field', async () => {
    const file = write(zipOf([{ name: 'z.xml', data: Buffer.from('<z/>'), zip64: true }]));
    const [entry] = await readCentralDirectory(file, LIMITS);
    assert.equal(entry?.uncompressedSize, 4);
    assert.equal((await readEntry(file, entry!, 100)).toString(), '<z/>');
  });

  it('refuses encrypted entries, unknown methods and what is not a zip', async () => {
    assert.equal(await problemOf([{ name: 'x', data: Buffer.from('x'), encrypted: true }]), 'ZIP_ENCRYPTED');
    const lzma = zipOf([{ name: 'x', data: Buffer.from('x'), method: 'store' }]);
    lzma.writeUInt16LE(14, lzma.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    assert.equal(await problemOf(lzma), 'ZIP_UNSUPPORTED');
    assert.equal(await problemOf(Buffer.from('not a zip at all, just some text')), 'NOT_ZIP');
    assert.equal(await problemOf(zipOf([{ name: 'x', data: Buffer.from('x') }]).subarray(0, 40)), 'NOT_ZIP');
  });

  it('stops inflating an entry that grows past its declared size, and checks the CRC', async () => {
    const lying = write(zipOf([{ name: 'sheet.xml', data: Buffer.alloc(200_000, 'a'), declaredSize: 1000 }]));
    const [entry] = await readCentralDirectory(lying, LIMITS);
    let seen = 0;
    await assert.rejects(
      copyEntries(
        lying,
        [{ entry: entry!, as: 'copy.xml', onData: (chunk) => (seen += chunk.length) }],
        path.join(dir, 'copy.zip'),
      ),
      (error: unknown) => error instanceof ZipProblem && error.code === 'ZIP_SIZE_MISMATCH',
    );
    assert.ok(seen <= 1000, `inflated ${seen} bytes`);

    const corrupt = zipOf([{ name: 'a', data: Buffer.from('hello hello hello'), method: 'store' }]);
    corrupt.writeUInt8(corrupt.readUInt8(33) ^ 0xff, 33);
    const file = write(corrupt);
    const [stored] = await readCentralDirectory(file, LIMITS);
    await assert.rejects(
      readEntry(file, stored!, 100),
      (error: unknown) => (error as ZipProblem).code === 'ZIP_CORRUPT',
    );
  });

  it('copies chosen entries under new names into an archive that reads back the same', async () => {
    const file = write(
      zipOf([
        { name: 'keep.xml', data: Buffer.from('<keep/>') },
        { name: 'drop.bin', data: randomBytes(100) },
      ]),
    );
    const entries = await readCentralDirectory(file, LIMITS);
    const target = path.join(dir, 'copied.zip');
    await copyEntries(
      file,
      [
        { entry: entries[0]!, as: 'renamed.xml' },
        { as: 'added.xml', data: Buffer.from('<added/>') },
      ],
      target,
    );
    const copied = await readCentralDirectory(target, LIMITS);
    assert.deepEqual(
      copied.map((e) => e.name),
      ['renamed.xml', 'added.xml'],
    );
    assert.equal((await readEntry(target, copied[0]!, 100)).toString(), '<keep/>');
    assert.equal((await readEntry(target, copied[1]!, 100)).toString(), '<added/>');
  });
});
