// src/plan/bind/datepart.ts
//! Redshift's dateparts and their abbreviations, folded to one canonical name each.
//! https://docs.aws.amazon.com/redshift/latest/dg/r_Dateparts_for_datetime_functions.html

const PARTS: Record<string, readonly string[]> = {
  millennium: ["millennium", "millennia", "mil", "mils"],
  century: ["century", "centuries", "c", "cent", "cents"],
  decade: ["decade", "decades", "dec", "decs"],
  epoch: ["epoch"],
  year: ["year", "years", "y", "yr", "yrs"],
  quarter: ["quarter", "quarters", "qtr", "qtrs"],
  month: ["month", "months", "mon", "mons"],
  week: ["week", "weeks", "w"],
  dow: ["dayofweek", "dow", "dw", "weekday"],
  doy: ["dayofyear", "doy", "dy", "yearday"],
  day: ["day", "days", "d"],
  hour: ["hour", "hours", "h", "hr", "hrs"],
  minute: ["minute", "minutes", "m", "min", "mins"],
  second: ["second", "seconds", "s", "sec", "secs"],
  millisecond: [
    "millisecond",
    "milliseconds",
    "ms",
    "msec",
    "msecs",
    "msecond",
    "mseconds",
    "millisec",
    "millisecs",
    "millisecon",
  ],
  microsecond: [
    "microsecond",
    "microseconds",
    "microsec",
    "microsecs",
    "microsecond",
    "usecond",
    "useconds",
    "us",
    "usec",
    "usecs",
  ],
  timezone: ["timezone"],
  timezone_hour: ["timezone_hour"],
  timezone_minute: ["timezone_minute"],
};

const CANONICAL = new Map<string, string>();
for (const [canonical, names] of Object.entries(PARTS)) for (const n of names) CANONICAL.set(n, canonical);

/** The canonical datepart for a name as written (any case), or undefined when not one. */
export function canonicalDatepart(name: string): string | undefined {
  return CANONICAL.get(name.toLowerCase());
}
