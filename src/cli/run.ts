// Process entry point of the CLI (bin/aispm.js loads the compiled form of this file).
import { main } from './main.js';

process.exitCode = await main(process.argv);
