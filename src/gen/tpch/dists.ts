// src/gen/tpch/dists.ts
//! The value pools the TPC-H specification (clause 4.2.2.13 and 4.2.3) defines: part name
//! colours, type and container syllables, market segments, order priorities, ship modes and
//! instructions, and the fixed nation and region rows.

export const COLORS: readonly string[] = (
  "almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished " +
  "chartreuse chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick " +
  "floral forest frosted gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace " +
  "lavender lawn lemon light lime linen magenta maroon medium metallic midnight mint misty moccasin " +
  "navajo navy olive orange orchid pale papaya peach peru pink plum powder puff purple red rose rosy " +
  "royal saddle salmon sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato " +
  "turquoise violet wheat white yellow"
).split(" ");

export const TYPE_S1: readonly string[] = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];
export const TYPE_S2: readonly string[] = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];
export const TYPE_S3: readonly string[] = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];

export const CONTAINER_S1: readonly string[] = ["SM", "LG", "MED", "JUMBO", "WRAP"];
export const CONTAINER_S2: readonly string[] = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];

export const SEGMENTS: readonly string[] = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"];
export const PRIORITIES: readonly string[] = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"];
export const INSTRUCTIONS: readonly string[] = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"];
export const MODES: readonly string[] = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"];

export const REGIONS: readonly string[] = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

/** [name, region key]; the nation key is the index. */
export const NATIONS: readonly (readonly [string, number])[] = [
  ["ALGERIA", 0],
  ["ARGENTINA", 1],
  ["BRAZIL", 1],
  ["CANADA", 1],
  ["EGYPT", 4],
  ["ETHIOPIA", 0],
  ["FRANCE", 3],
  ["GERMANY", 3],
  ["INDIA", 2],
  ["INDONESIA", 2],
  ["IRAN", 4],
  ["IRAQ", 4],
  ["JAPAN", 2],
  ["JORDAN", 4],
  ["KENYA", 0],
  ["MOROCCO", 0],
  ["MOZAMBIQUE", 0],
  ["PERU", 1],
  ["CHINA", 2],
  ["ROMANIA", 3],
  ["SAUDI ARABIA", 4],
  ["VIETNAM", 2],
  ["RUSSIA", 3],
  ["UNITED KINGDOM", 3],
  ["UNITED STATES", 1],
];

/** Word classes for the comment grammar (our own lists, in the spirit of clause 4.2.2.13). */
export const NOUNS: readonly string[] = (
  "packages requests accounts deposits foxes ideas theodolites pinto|beans instructions dependencies " +
  "excuses platelets asymptotes courts dolphins multipliers sauternes warthogs frets dinos attainments " +
  "somas patterns forges braids hockey|players frays warhorses dugouts notornis epitaphs pearls tithes " +
  "waters orbits gifts sheaves depths sentiments decoys realms pains grouches escapades"
)
  .split(" ")
  .map((w) => w.replace("|", " "));
export const VERBS: readonly string[] = (
  "sleep wake are cajole haggle nag use boost affix detect integrate maintain nod was lose sublate " +
  "solve thrash promise engage hinder print x-ray breach eat grow impress mold poach serve run dazzle " +
  "snooze doze unwind kindle play hang believe doubt"
).split(" ");
export const ADJECTIVES: readonly string[] = (
  "special pending unusual express furious sly careful blithe quick fluffy slow quiet ruthless thin " +
  "close dogged daring brave stealthy permanent enticing idle busy regular final ironic even bold silent"
).split(" ");
export const ADVERBS: readonly string[] = (
  "sometimes always never furiously slyly carefully blithely quickly fluffily slowly quietly " +
  "ruthlessly thinly closely doggedly daringly bravely stealthily permanently enticingly idly busily " +
  "regularly finally ironically evenly boldly silently"
).split(" ");
export const PREPOSITIONS: readonly string[] = (
  "about above according|to across after against along alongside|of among around at atop before " +
  "behind beneath beside besides between beyond by despite during except for from in|place|of inside " +
  "instead|of into near of on outside over past since through throughout to toward under until up " +
  "upon without with within"
)
  .split(" ")
  .map((w) => w.replaceAll("|", " "));
export const AUXILIARIES: readonly string[] = [
  "do",
  "may",
  "might",
  "shall",
  "will",
  "would",
  "can",
  "could",
  "should",
  "ought to",
  "must",
  "will have to",
  "shall have to",
  "could have to",
  "should have to",
  "must have to",
  "need to",
  "try to",
];
export const TERMINATORS: readonly string[] = [".", ";", ":", "?", "!", "--"];
