// Two UTF-8 faults of exceljs 4.4, mended here.
// Reading: it decodes each chunk of an xlsx part on its own (lib/utils/parse-sax.js, one shared
// TextDecoder without { stream: true }), so a Chinese character whose three bytes straddle two chunks
// becomes U+FFFD: 245 of 99,000 names came out broken from a 100,000-row member import. Imported first,
// this module puts a parse-sax with a streaming decoder of its own per part in exceljs's module cache, so
// that every exceljs module that requires it gets this one. core/office/load-exceljs.ts imports it; so
// must anything else that imports exceljs (tests, benches) — and it refuses to run after exceljs loaded.
// Writing: the in-memory writer (workbook.xlsx.write/writeBuffer) hands each part to JSZip as a string,
// which JSZip encodes in 16 KB slices of UTF-16 — a 4-byte character (生僻字 such as 𠮷) cut in two
// becomes two U+FFFD. Parts are handed over as UTF-8 buffers instead, as exceljs does in browsers.
import { createRequire, Module } from 'node:module';
import path from 'node:path';

type Events = { eventType: string; value: unknown }[];
interface Parser {
  on(event: 'error', handler: (error: Error) => void): void;
  on(event: 'opentag' | 'text' | 'closetag', handler: (value: unknown) => void): void;
  write(text: string): void;
}

const require = createRequire(import.meta.url);
const exceljsMain = require.resolve('exceljs');
const parseSaxPath = path.join(path.dirname(exceljsMain), 'lib', 'utils', 'parse-sax.js');
// Resolved from exceljs itself: the parser and stream versions it was built with.
const fromExceljs = createRequire(parseSaxPath);
const { SaxesParser } = fromExceljs('saxes') as { SaxesParser: new () => Parser };
const { PassThrough } = fromExceljs('readable-stream') as {
  PassThrough: new () => NodeJS.ReadWriteStream & AsyncIterable<unknown>;
};

/** exceljs's parse-sax, with one streaming UTF-8 decoder per parsed part. */
async function* parseSax(input: object): AsyncGenerator<Events> {
  // Old-style streams without async iteration go through a PassThrough, as exceljs does.
  const iterable = (
    Symbol.asyncIterator in input ? input : (input as NodeJS.ReadableStream).pipe(new PassThrough())
  ) as AsyncIterable<unknown>;
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: Events = [];
  parser.on('error', (e) => (error = e));
  for (const eventType of ['opentag', 'text', 'closetag'] as const) {
    parser.on(eventType, (value) => events.push({ eventType, value }));
  }
  const write = (text: string) => {
    parser.write(text);
    if (error) throw error;
  };
  for await (const chunk of iterable) {
    write(typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }));
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest !== '') {
    write(rest);
    yield events;
  }
}

const zipStreamPath = path.join(path.dirname(parseSaxPath), 'zip-stream.js');
const { ZipWriter } = fromExceljs(zipStreamPath) as {
  ZipWriter: { prototype: { append(data: unknown, options: object): void; utf8Buffers?: boolean } };
};
if (!ZipWriter.prototype.utf8Buffers) {
  const append = ZipWriter.prototype.append;
  ZipWriter.prototype.append = function (data, options) {
    append.call(this, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, options);
  };
  ZipWriter.prototype.utf8Buffers = true;
}

const present = require.cache[parseSaxPath]?.exports as { utf8Streaming?: boolean } | undefined;
if (present === undefined) {
  const module = new Module(parseSaxPath);
  module.filename = parseSaxPath;
  module.loaded = true;
  module.exports = Object.assign(parseSax, { utf8Streaming: true });
  require.cache[parseSaxPath] = module;
} else if (!present.utf8Streaming) {
  throw new Error(
    'exceljs 已在其 UTF-8 修正之前加载 / exceljs was loaded before core/office/exceljs-utf8.ts',
  );
}
