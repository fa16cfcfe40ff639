import { TWILIO } from './cases/twilio.js';
import { runDialectContract } from './dialect-contract.js';

runDialectContract(TWILIO);
