#!/usr/bin/env node
// The CLI runs from the compiled package (dist/ is built by `npm ci` / `npm install` through the prepare script).
import { processIo, runCli } from '../dist/harness/cli/index.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
