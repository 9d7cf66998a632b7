// tests/unit/lake/load-views.test.ts
//! The load tables the system views read (src/catalog/system/log-tables.ts) and the rows the lake
//! writes (src/lake/copy/load-log.ts) have the same columns: catalog and lake may not import each
//! other, so the lists are kept twice and compared here.

import assert from "node:assert/strict";
import { test } from "node:test";
import { LOG_DATA_TABLES } from "../../../src/catalog/system/log-tables.js";
import { LOAD_LOG_TABLES } from "../../../src/lake/copy/load-log.js";

test("the catalog's load tables match what the lake writes", () => {
  for (const [name, columns] of Object.entries(LOAD_LOG_TABLES)) assert.equal(LOG_DATA_TABLES[name], columns, name);
});
