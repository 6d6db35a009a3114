#!/usr/bin/env node
// The CLI runs from the compiled package (dist/ is built by `npm ci` / `npm install` through the prepare script).
// main.js and io.js, not index.js: a command loads only its own modules (see harness/cli/main.ts).
import { processIo } from '../dist/harness/cli/io.js';
import { runCli } from '../dist/harness/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
