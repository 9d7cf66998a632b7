// src/gen/tpch/worker.ts
//! Worker thread entry: builds the text pools once, then runs the tasks the main thread posts.

import { parentPort, workerData } from "node:worker_threads";
import { scaleOf } from "./tables.js";
import { type GenContext, runTask, type Task } from "./tasks.js";
import { buildPools } from "./text.js";

const ctx = workerData as GenContext;
const pools = buildPools(ctx.seed);
const scale = scaleOf(ctx.sf);
const port = parentPort;
if (port) {
  port.on("message", (t: Task) => {
    const res = runTask(ctx, pools, scale, t);
    port.postMessage(
      res,
      res.chunks.map((c) => c.data.buffer as ArrayBuffer),
    );
  });
}
