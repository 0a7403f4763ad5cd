// Unit tests of attachment typing by content: real magic numbers accepted, renamed executables refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffAttachmentType, storedFileName } from './attachment-types.ts';

const zipWith = (...names: string[]) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(names.join('\0'))]);

describe('attachment types by content', () => {
  it('recognises PDF, images and Office documents', () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.7\n'), 'pdf'],
      [Buffer.from('89504e470d0a1a0a', 'hex'), 'png'],
      [Buffer.from('ffd8ffe000104a464946', 'hex'), 'jpg'],
      [Buffer.from('GIF89a'), 'gif'],
      [Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'webp'],
      [zipWith('[Content_Types].xml', 'word/document.xml'), 'docx'],
      [zipWith('[Content_Types].xml', 'xl/workbook.xml'), 'xlsx'],
      [zipWith('[Content_Types].xml', 'ppt/presentation.xml'), 'pptx'],
      [
        Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.from('WordDocument', 'utf16le')]),
        'doc',
      ],
    ];
    for (const [content, extension] of cases)
      assert.equal(sniffAttachmentType(content, 'x')?.extension, extension);
  });

  it('refuses executables, scripts, plain zips and HTML whatever their names', () => {
    for (const [content, name] of [
      [Buffer.from('MZ\x90\x00'), 'invoice.pdf'],
      [Buffer.from('\x7fELF'), 'photo.png'],
      [Buffer.from('#!/bin/sh\nrm -rf /'), 'report.docx'],
      [zipWith('payload.exe'), 'archive.xlsx'],
      [Buffer.from('<html><script>alert(1)</script>'), 'scan.jpg'],
    ] as const) {
      assert.equal(sniffAttachmentType(Buffer.from(content), name), null, name);
    }
  });

  it('names the stored file after the content, without paths', () => {
    const pdf = { mediaType: 'application/pdf', extension: 'pdf' };
    assert.equal(storedFileName('C:\\Users\\a\\营业执照.jpg', pdf), '营业执照.pdf');
    assert.equal(storedFileName('../../etc/passwd', pdf), 'passwd.pdf');
    assert.equal(storedFileName('', pdf), '附件.pdf');
  });
});
