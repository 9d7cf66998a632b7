// src/gen/tpch/text.ts
//! Comment text and random strings. As the specification describes, comments are substrings
//! of a large pool of pseudo-text made by a small sentence grammar; addresses are substrings of
//! a pool of random alphanumeric characters. Both pools are built once per seed.

import { ADJECTIVES, ADVERBS, AUXILIARIES, NOUNS, PREPOSITIONS, TERMINATORS, VERBS } from "./dists.js";
import { Rng } from "./rng.js";

const TEXT_POOL_SIZE = 1 << 21;
const VSTRING_POOL_SIZE = 1 << 20;
const ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,.";

function nounPhrase(r: Rng): string {
  switch (r.int(0, 3)) {
    case 0:
      return r.pick(NOUNS);
    case 1:
      return `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
    case 2:
      return `${r.pick(ADJECTIVES)}, ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
    default:
      return `${r.pick(ADVERBS)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`;
  }
}

function verbPhrase(r: Rng): string {
  switch (r.int(0, 3)) {
    case 0:
      return r.pick(VERBS);
    case 1:
      return `${r.pick(AUXILIARIES)} ${r.pick(VERBS)}`;
    case 2:
      return `${r.pick(VERBS)} ${r.pick(ADVERBS)}`;
    default:
      return `${r.pick(AUXILIARIES)} ${r.pick(VERBS)} ${r.pick(ADVERBS)}`;
  }
}

function sentence(r: Rng): string {
  const t = r.pick(TERMINATORS);
  switch (r.int(0, 4)) {
    case 0:
      return `${nounPhrase(r)} ${verbPhrase(r)}${t}`;
    case 1:
      return `${nounPhrase(r)} ${verbPhrase(r)} ${r.pick(PREPOSITIONS)} the ${nounPhrase(r)}${t}`;
    case 2:
      return `${nounPhrase(r)} ${verbPhrase(r)} ${nounPhrase(r)}${t}`;
    case 3:
      return `${nounPhrase(r)} ${r.pick(PREPOSITIONS)} the ${nounPhrase(r)} ${verbPhrase(r)} ${nounPhrase(r)}${t}`;
    default:
      return `${nounPhrase(r)} ${r.pick(PREPOSITIONS)} the ${nounPhrase(r)} ${verbPhrase(r)}${t}`;
  }
}

export interface TextPools {
  readonly text: string;
  readonly vstring: string;
}

export function buildPools(seed: number): TextPools {
  const r = new Rng(seed, 0x7e47).row(0);
  const parts: string[] = [];
  let size = 0;
  while (size < TEXT_POOL_SIZE + 256) {
    const s = sentence(r);
    parts.push(s);
    size += s.length + 1;
  }
  const text = parts.join(" ");
  const chars: string[] = new Array(VSTRING_POOL_SIZE + 64);
  for (let i = 0; i < chars.length; i++) chars[i] = ALNUM[r.int(0, ALNUM.length - 1)] as string;
  return { text, vstring: chars.join("") };
}

/** Pseudo-text of a uniformly random length in [min, max] (trimmed, never empty). */
export function comment(p: TextPools, r: Rng, min: number, max: number): string {
  const len = r.int(min, max);
  const off = r.int(0, TEXT_POOL_SIZE - 1);
  const s = p.text.substr(off, len).trim();
  return s.length > 0 ? s : "quick";
}

/** A random alphanumeric string of length in [min, max] (the specification's v-string). */
export function vstring(p: TextPools, r: Rng, min: number, max: number): string {
  const len = r.int(min, max);
  return p.vstring.substr(r.int(0, VSTRING_POOL_SIZE - 1), len);
}

/** Formats an integer number of cents as a decimal with two places. */
export function money(cents: number): string {
  const neg = cents < 0;
  const c = neg ? -cents : cents;
  const whole = Math.floor(c / 100);
  const frac = c - whole * 100;
  return (neg ? "-" : "") + whole + (frac < 10 ? ".0" : ".") + frac;
}

/** Left-pads a positive integer with zeros to `width` digits. */
export function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : "0".repeat(width - s.length) + s;
}

/** A phone number whose country code is nation key + 10 (clause 4.2.2.9). */
export function phone(r: Rng, nationKey: number): string {
  return `${nationKey + 10}-${r.int(100, 999)}-${r.int(100, 999)}-${r.int(1000, 9999)}`;
}
