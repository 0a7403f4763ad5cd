// npm run bench: every benchmark in turn, then one table of all targets. A benchmark that cannot measure
// (the server does not start, a login fails) is reported and the others still run.
import { invitationBatch } from './invitations.ts';
import { loginLatency } from './login.ts';
import { phoneFirstLoad } from './phone-first-load.ts';
import type { Benchmark } from './lib/entry.ts';
import { printEnvironment, printTable, type TargetRow } from './lib/report.ts';
import { cleanupAll } from './lib/server.ts';
import { sessionThroughput } from './session-throughput.ts';
import { startup } from './startup.ts';
import { streetCoverage } from './street-coverage.ts';

const benchmarks: { name: string; benchmark: Benchmark }[] = [
  { name: 'startup', benchmark: startup },
  { name: 'session', benchmark: sessionThroughput },
  { name: 'login', benchmark: loginLatency },
  { name: 'phone', benchmark: phoneFirstLoad },
  { name: 'invitations', benchmark: invitationBatch },
  { name: 'street-coverage', benchmark: streetCoverage },
];

printEnvironment();
const summary: TargetRow[] = [];
try {
  for (const { name, benchmark } of benchmarks) {
    console.log(`\n=== ${name}: ${benchmark.title} ===`);
    try {
      const rows = await benchmark.run();
      printTable(benchmark.title, rows);
      summary.push(...rows.map((row) => ({ ...row, target: `${name}: ${row.target}` })));
    } catch (error) {
      console.error(error);
      summary.push({ target: `${name}`, measured: 'failed to measure (see above)', goal: '', met: false });
      process.exitCode = 1;
    }
  }
} finally {
  await cleanupAll();
}
printEnvironment();
printTable('Summary (numbers only; nothing here fails the run on time)', summary);
