import { SIGNALWIRE } from './cases/signalwire.js';
import { runDialectContract } from './dialect-contract.js';

runDialectContract(SIGNALWIRE);
