// An ES module consumer of the installed package.
import * as callbridge from 'callbridge';
import listBoth from './list-both.cjs';

process.stdout.write(JSON.stringify(await listBoth(callbridge)));
