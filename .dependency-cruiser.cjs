// The layering `npm run check` holds (dependency-cruiser): core/ and db/ never import a module, modules
// never import the demo data, the web app never imports the server, shared imports neither app, production
// code never imports test helpers, and nothing imports in a circle. Tests (*.test.ts) may reach anything.
/** @type {import('dependency-cruiser').IConfiguration} */
const TESTS = '(\\.test\\.ts$|^apps/server/src/test/|^e2e/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports: one of its modules should take what it needs from a lower layer.',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'core-not-to-modules',
      severity: 'error',
      comment: 'core/ is what every module builds on: it never imports a module.',
      from: { path: '^apps/server/src/core/', pathNot: TESTS },
      to: { path: '^apps/server/src/(modules|demo)/' },
    },
    {
      name: 'db-not-to-modules',
      severity: 'error',
      comment: 'db/ (connection, migrations, schema) never imports a module or the demo data.',
      from: { path: '^apps/server/src/db/', pathNot: TESTS },
      to: { path: '^apps/server/src/(modules|demo)/' },
    },
    {
      name: 'modules-not-to-demo',
      severity: 'error',
      comment: 'The demo data depends on the modules, never the reverse.',
      from: { path: '^apps/server/src/(core|db|modules)/', pathNot: TESTS },
      to: { path: '^apps/server/src/demo/' },
    },
    {
      name: 'web-not-to-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP; what both need lives in packages/shared.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'shared-not-to-apps',
      severity: 'error',
      comment: 'packages/shared is imported by both apps and imports neither.',
      from: { path: '^packages/shared/' },
      to: { path: '^apps/' },
    },
    {
      name: 'production-not-to-tests',
      severity: 'error',
      comment: 'Test helpers live under apps/server/src/test and are imported by tests only.',
      from: { path: '^apps/server/src/', pathNot: TESTS },
      to: { path: TESTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
