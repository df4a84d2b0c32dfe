#!/usr/bin/env node
// The `sizewise` command (the package's bin). `sizewise --help` lists the commands.
import { runCli } from './program.js';

// A reader that stops early (`sizewise … --json | head`) closes the pipe: not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await runCli(process.argv.slice(2));
