import { TELNYX } from './cases/telnyx.js';
import { runDialectContract } from './dialect-contract.js';

runDialectContract(TELNYX);
