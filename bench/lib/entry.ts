// Running a benchmark file on its own (`npx tsx bench/<file>.ts`) or from bench/run.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { printEnvironment, printTable, type TargetRow } from './report.ts';
import { cleanupAll } from './server.ts';

export interface Benchmark {
  title: string;
  run(): Promise<TargetRow[]>;
}

/** True when `moduleUrl` is the file node was asked to run, so importing it from run.ts runs nothing. */
export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(path.resolve(script)).href === moduleUrl;
}

/** Runs one benchmark and prints its table; a failure to measure (not a slow result) sets exit code 1. */
export async function runStandalone(benchmark: Benchmark): Promise<void> {
  printEnvironment();
  try {
    printTable(benchmark.title, await benchmark.run());
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await cleanupAll();
  }
}
