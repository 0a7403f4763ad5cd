// Loads every module apps/server/src/main.ts imports, without running it, and prints how long that took:
// the share of start-up that is Node, tsx and module loading rather than PostgreSQL or migrations.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const mainFile = path.resolve(import.meta.dirname, '../../apps/server/src/main.ts');
// Read from main.ts itself so the probe follows the server when its imports change.
const specifiers = [...fs.readFileSync(mainFile, 'utf8').matchAll(/^import [^;]*? from '(\.[^']+)';$/gm)].map(
  (match) => pathToFileURL(path.resolve(path.dirname(mainFile), match[1]!)).href,
);
const started = performance.now();
for (const specifier of specifiers) await import(specifier);
console.log(JSON.stringify({ modules: specifiers.length, importMs: performance.now() - started }));
