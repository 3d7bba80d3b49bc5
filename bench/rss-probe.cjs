/* global process, require */
"use strict";
// Preloaded into each benchmark child with --require. On exit, writes the process's peak
// resident set size (KiB, from getrusage) to the file named by BENCH_RSS_FILE.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is plain CommonJS
const { writeFileSync } = require("node:fs");

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
