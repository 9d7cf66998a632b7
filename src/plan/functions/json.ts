// src/plan/functions/json.ts
//! JSON functions over VARCHAR JSON text and SUPER. https://docs.aws.amazon.com/redshift/latest/dg/json-functions.html

import { T } from "../../sql/types.js";
import type { FunctionSignature } from "./signature.js";
import { fixed, sig, VARCHAR } from "./signature.js";

export const JSON_FUNCTIONS: readonly FunctionSignature[] = [
  sig("json_extract_path_text", "scalar", 2, 7, fixed(VARCHAR)),
  sig("json_extract_array_element_text", "scalar", 2, 3, fixed(VARCHAR)),
  sig("json_array_length", "scalar", 1, 2, fixed(T.integer)),
  sig("is_valid_json", "scalar", 1, 1, fixed(T.boolean)),
  sig("is_valid_json_array", "scalar", 1, 1, fixed(T.boolean)),
  sig("json_parse", "scalar", 1, 1, fixed(T.super)),
  sig("json_serialize", "scalar", 1, 1, fixed(VARCHAR)),
];
