// Maps the tsconfig "paths" aliases (@claimdesk/*) for jest, so there is one list of them.
const { compilerOptions } = require('../tsconfig.json');

exports.pathsToModuleNameMapper = () => {
  const map = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    map[`^${alias}$`] = `<rootDir>/${target}`;
  }
  return map;
};
