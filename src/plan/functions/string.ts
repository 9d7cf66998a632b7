// src/plan/functions/string.ts
//! String functions. https://docs.aws.amazon.com/redshift/latest/dg/String_functions_header.html

import { T } from "../../sql/types.js";
import type { FunctionSignature } from "./signature.js";
import { fixed, sig, VARCHAR } from "./signature.js";

const str = (a: readonly { id: string; length?: number }[]) =>
  a[0]?.id === "varchar" || a[0]?.id === "char" ? { id: "varchar" as const, length: a[0].length } : VARCHAR;

/** SUBSTRING / CONCAT of a VARBYTE give bytes. */
const strOrBytes = (a: readonly { id: string; length?: number }[]) => (a[0]?.id === "varbyte" ? T.varbyte : str(a));

export const STRING_FUNCTIONS: readonly FunctionSignature[] = [
  sig("upper", "scalar", 1, 1, str),
  sig("lower", "scalar", 1, 1, str),
  sig("initcap", "scalar", 1, 1, str),
  sig("substring", "scalar", 2, 3, strOrBytes, { aliases: ["substr"] }),
  sig("btrim", "scalar", 1, 2, str),
  sig("ltrim", "scalar", 1, 2, str),
  sig("rtrim", "scalar", 1, 2, str),
  sig("trim", "scalar", 1, 2, str),
  sig("charindex", "scalar", 2, 2, fixed(T.integer)),
  sig("strpos", "scalar", 2, 2, fixed(T.integer)),
  sig("position", "scalar", 2, 2, fixed(T.integer)),
  sig("split_part", "scalar", 3, 3, str),
  sig("left", "scalar", 2, 2, str),
  sig("right", "scalar", 2, 2, str),
  sig("replace", "scalar", 3, 3, fixed(VARCHAR)),
  sig("translate", "scalar", 3, 3, fixed(VARCHAR)),
  sig("concat", "scalar", 2, 2, (a) => (a[0]?.id === "varbyte" || a[1]?.id === "varbyte" ? T.varbyte : VARCHAR)),
  sig("lpad", "scalar", 2, 3, fixed(VARCHAR)),
  sig("rpad", "scalar", 2, 3, fixed(VARCHAR)),
  sig("len", "scalar", 1, 1, fixed(T.integer), { aliases: ["length", "char_length", "character_length", "textlen"] }),
  sig("octet_length", "scalar", 1, 1, fixed(T.integer)),
  sig("reverse", "scalar", 1, 1, str),
  sig("repeat", "scalar", 2, 2, fixed(VARCHAR), { aliases: ["replicate"] }),
  sig("regexp_replace", "scalar", 2, 4, fixed(VARCHAR)),
  sig("regexp_substr", "scalar", 2, 3, fixed(VARCHAR)),
  sig("regexp_count", "scalar", 2, 2, fixed(T.integer)),
  sig("md5", "scalar", 1, 1, fixed(VARCHAR)),
  sig("chr", "scalar", 1, 1, fixed({ id: "char", length: 1 })),
  sig("ascii", "scalar", 1, 1, fixed(T.integer)),
  sig("quote_literal", "scalar", 1, 1, fixed(T.text)),
  sig("starts_with", "scalar", 2, 2, fixed(T.boolean)),
  sig("super_path", "scalar", 2, 2, fixed(T.super)),
  sig("to_hex", "scalar", 1, 1, fixed(VARCHAR)),
  // VARBYTE: https://docs.aws.amazon.com/redshift/latest/dg/varbyte-functions.html
  sig("from_hex", "scalar", 1, 1, fixed(T.varbyte)),
  sig("to_varbyte", "scalar", 2, 2, fixed(T.varbyte)),
  sig("from_varbyte", "scalar", 2, 2, fixed(VARCHAR)),
  sig("getbit", "scalar", 2, 2, fixed(T.integer)),
];
