// A CommonJS consumer of the installed package.
const listBoth = require('./list-both.cjs');

listBoth(require('callbridge')).then(
  (out) => process.stdout.write(JSON.stringify(out)),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
