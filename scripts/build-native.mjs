// Builds the native DataRow encoder (native/, a Node-API addon) with the node-gyp that npm bundles,
// against the system's Node headers when present (/usr/include/node: offline, no download).
// Run by `npm install` / `npm ci`. Without a compiler the server falls back to JavaScript
// (logged at startup), so a failed build only warns — except under CI, where it fails.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ci = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp))
    return process.env.npm_config_node_gyp;
  // npm's own copy: <prefix>/lib/node_modules/npm/node_modules/node-gyp, next to the node binary's prefix.
  const prefix = join(dirname(process.execPath), "..");
  for (const p of [
    join(prefix, "lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"),
    "/usr/share/nodejs/node-gyp/bin/node-gyp.js",
  ])
    if (existsSync(p)) return p;
  return null;
}

const gyp = nodeGyp();
const args = ["rebuild", `--directory=${join(root, "native")}`];
if (!process.env.npm_config_nodedir && existsSync("/usr/include/node/node_api.h")) args.push("--nodedir=/usr");
const r = gyp
  ? spawnSync(process.execPath, [gyp, ...args], { stdio: ["ignore", "inherit", "inherit"] })
  : { status: 1, error: new Error("node-gyp not found (it comes with npm)") };
if (r.status !== 0) {
  const why = r.error ? r.error.message : `node-gyp exited with ${r.status}`;
  console.error(
    `\nWARNING: the native DataRow encoder did not build (${why}). Lakeshift will serve results through ` +
      "its slower JavaScript encoder. Install g++, make and python3, then run `npm run build:native`.\n",
  );
  process.exit(ci ? 1 : 0);
}
