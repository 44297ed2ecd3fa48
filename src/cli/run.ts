// Process entry point of the CLI (bin/aispm.js loads the compiled form of this file).
import { main } from './main.js';

const code = await main(process.argv);
// Exit as soon as output is flushed: the embedded database's WASM runtime would otherwise keep the process
// alive for a while after the work is done.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
