// Four tiers: unit specs beside the code (pure logic, no services); medium specs (services from Nest's
// testing module on a real cloned database, no HTTP, no worker); e2e specs (the HTTP app and real workers);
// fault specs that stop, wipe and hang PostgreSQL and Redis servers of their own.
// Medium and e2e share one template database built from the migrations per run, and a BullMQ prefix per file.
const { pathsToModuleNameMapper } = require('./test/paths');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': swc },
  // A few dependencies of @fastify/static and of linkedom ship ESM only; Jest on Node 20 needs them compiled to CJS
  // (Node itself loads them through require(esm)).
  transformIgnorePatterns: [
    '/node_modules/(?!(content-disposition|linkedom|css-select|css-what|domutils|dom-serializer|domhandler|domelementtype|entities|htmlparser2|nth-check|boolbase|uhyphen|html-escaper|cssomnom)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(),
  testEnvironment: 'node',
};

module.exports = {
  // Per project it is ignored: e2e tests wait for real jobs, so the limit is set for the run.
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    // The built api and worker as child processes, on a PostgreSQL cluster and a redis-server the suite owns.
    { ...common, displayName: 'fault', testMatch: ['<rootDir>/test/fault/*.fault-spec.ts'] },
  ],
};
