#!/usr/bin/env node
import { main } from './main.js';

// The exit code is set, not forced: process.exit would cut off stdout still being written.
process.exitCode = await main(process.argv.slice(2), process.env);
