// tests/unit/engine/durability.test.ts
//! Committed transactions survive SIGKILL of the process (DuckDB's WAL); uncommitted ones vanish.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { Engine } from "../../../src/engine/engine.js";

const ENGINE_MODULE = fileURLToPath(new URL("../../../src/engine/engine.js", import.meta.url));

const CHILD = `
import { Engine } from ${JSON.stringify(ENGINE_MODULE)};
const engine = await Engine.open({ dataDir: process.argv[1] });
await engine.createDatabase("dev");
const c = await engine.connect("dev");
await c.run("CREATE TABLE kept (i INTEGER, s VARCHAR)");
await c.run("BEGIN");
await c.run("INSERT INTO kept SELECT i, 'row ' || i FROM range(1000) r(i)");
await c.run("COMMIT");
await c.run("INSERT INTO kept VALUES (1000, 'autocommit')");
const other = await engine.connect("dev");
await other.run("BEGIN");
await other.run("INSERT INTO kept VALUES (-1, 'never committed')");
process.stdout.write("ready\\n");
setInterval(() => {}, 1000);
`;

test("committed work survives kill -9; uncommitted work does not", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lakeshift-kill-"));
  try {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD, dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("ready")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, sig) => resolve(sig)));
    child.kill("SIGKILL");
    assert.equal(await exited, "SIGKILL");

    const engine = await Engine.open({ dataDir: dir });
    assert.deepEqual(engine.databases(), ["dev"]);
    const c = await engine.connect("dev");
    const r = await c.all("SELECT count(*)::INTEGER, min(i), max(i), max(s) FILTER (WHERE i = 1000) FROM kept");
    assert.deepEqual(r.rows, [[1001, 0, 1000, "autocommit"]]);
    await engine.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
