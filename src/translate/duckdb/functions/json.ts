// src/translate/duckdb/functions/json.ts
//! JSON functions on DuckDB's json extension. A trailing boolean null_if_invalid turns invalid
//! JSON into NULL instead of an error.

import { UnsupportedError } from "../../../common/errors.js";
import type { Emission, EmitContext } from "./entry.js";
import { arg, custom } from "./entry.js";

/** Whether the last argument is the null_if_invalid flag (a boolean). */
function nullIfInvalid(c: EmitContext, minArgs: number): boolean {
  const last = c.call.args[c.call.args.length - 1];
  return c.args.length > minArgs && last?.type.id === "boolean";
}

function guarded(c: EmitContext, minArgs: number, body: string): string {
  return nullIfInvalid(c, minArgs) ? `CASE WHEN json_valid(${arg(c, 0)}) THEN ${body} END` : body;
}

function pathKey(c: EmitContext, i: number): string {
  const a = c.call.args[i];
  if (a?.kind !== "literal" || typeof a.value !== "string")
    throw new UnsupportedError("JSON_EXTRACT_PATH_TEXT with a non-constant path");
  if (a.value.includes('"') || a.value.includes("\\")) throw new UnsupportedError(`JSON path element ${a.value}`);
  return `."${a.value}"`;
}

export const JSON_EMISSIONS: readonly Emission[] = [
  custom("json_extract_path_text", "JSON_EXTRACT_PATH_TEXT.html", (c) => {
    const keys = c.args.length - (nullIfInvalid(c, 2) ? 1 : 0);
    let path = "$";
    for (let i = 1; i < keys; i++) path += pathKey(c, i);
    return guarded(c, 2, `json_extract_string(${arg(c, 0)}, ${c.str(path)})`);
  }),
  custom("json_extract_array_element_text", "JSON_EXTRACT_ARRAY_ELEMENT_TEXT.html", (c) =>
    guarded(c, 2, `json_extract_string(${arg(c, 0)}, '$[' || CAST(${arg(c, 1)} AS VARCHAR) || ']')`),
  ),
  custom("json_array_length", "JSON_ARRAY_LENGTH.html", (c) =>
    guarded(c, 1, `CAST(json_array_length(${arg(c, 0)}) AS INTEGER)`),
  ),
  custom("is_valid_json", "IS_VALID_JSON.html", (c) => `json_valid(${arg(c, 0)})`),
  custom(
    "is_valid_json_array",
    "IS_VALID_JSON_ARRAY.html",
    (c) => `(json_valid(${arg(c, 0)}) AND json_type(${arg(c, 0)}) = 'ARRAY')`,
  ),
  custom("json_parse", "JSON_PARSE.html", (c) => `json(${arg(c, 0)})`),
  custom("json_serialize", "JSON_SERIALIZE.html", (c) => `CAST(${arg(c, 0)} AS VARCHAR)`),
];
