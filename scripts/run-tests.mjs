// Runs every compiled test file with Node's built-in test runner, so its summary
// (tests / pass / fail) is the suite's closing line. Usage: node scripts/run-tests.mjs [filter]
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}
const filter = process.argv[2];
const files = walk("dist/tests", [])
  .filter((f) => !filter || f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error("no test files found under dist/tests (did the build run?)");
  process.exit(1);
}
const concurrency = process.env.LAKESHIFT_TEST_CONCURRENCY ?? "2";
const r = spawnSync(
  process.execPath,
  ["--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files],
  {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --openssl-legacy-provider`.trim() },
  },
);
process.exit(r.status ?? 1);
