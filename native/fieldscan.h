// native/fieldscan.h
// The line and field checks of the plain number scan, shared by the scan of a file
// (fieldscan.cc) and the one of a download as it arrives (fieldstream.cc): which numeric columns
// hold only plain numbers (`[+-]?[0-9]+`, at most a column's number of decimals after a '.', or
// the NULL AS text), and what the lines are like (empty ones, CR LF or bare LF endings).

#ifndef LAKESHIFT_FIELDSCAN_H
#define LAKESHIFT_FIELDSCAN_H

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fieldscan {

// What the scan looks for: per column, -1 (not looked at) or the most decimals a plain number may have.
struct Spec {
  uint8_t delim = '|';
  std::string nullText;
  int64_t skip = 0;
  std::vector<int32_t> rules;
  // CSV's quote byte, or -1. A file without one reads as plain delimited text; in a file with one
  // (quoted fields, maybe lines within them) no column is taken as plain.
  int quote = -1;
};

// The columns still plain, shared by the threads (a column one thread finds impure is impure).
class Verdict {
 public:
  explicit Verdict(const std::vector<int32_t>& rules) : plain_(rules.size()) {
    for (size_t i = 0; i < rules.size(); i++) {
      plain_[i].store(rules[i] >= 0, std::memory_order_relaxed);
      if (rules[i] >= 0) {
        left_.fetch_add(1, std::memory_order_relaxed);
        last_ = i;
      }
    }
  }
  bool Plain(size_t i) const { return plain_[i].load(std::memory_order_relaxed); }
  void AllImpure() {
    for (size_t i = 0; i < plain_.size(); i++) Impure(i);
  }
  void Impure(size_t i) {
    if (plain_[i].exchange(false, std::memory_order_relaxed)) left_.fetch_sub(1, std::memory_order_relaxed);
  }
  // Nothing left to look for.
  bool Done() const { return left_.load(std::memory_order_relaxed) == 0; }
  // The last column looked at: a line's fields after it are not split.
  size_t last() const { return last_; }

 private:
  std::vector<std::atomic<bool>> plain_;
  std::atomic<int> left_{0};
  size_t last_ = 0;
};

// Is the byte at p (p < end) the end of a field: the delimiter, LF or CR LF?
inline bool FieldEnd(const uint8_t* p, const uint8_t* end, uint8_t delim) {
  return *p == delim || *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
}

// Reads a plain number at p with at most `scale` decimals; returns the byte after it when that
// ends the field (or the file), else nullptr.
inline const uint8_t* Number(const uint8_t* p, const uint8_t* end, uint8_t delim, int32_t scale) {
  if (p < end && (*p == '+' || *p == '-')) p++;
  const uint8_t* digits = p;
  while (p < end && static_cast<unsigned>(*p - '0') <= 9) p++;
  if (p == digits) return nullptr;
  if (p < end && *p == '.' && scale > 0) {
    const uint8_t* fraction = ++p;
    while (p < end && static_cast<unsigned>(*p - '0') <= 9) p++;
    if (p == fraction || p - fraction > scale) return nullptr;
  }
  return p == end || FieldEnd(p, end, delim) ? p : nullptr;
}

// Checks the fields of the line at p (up to the last column looked at); returns where the line's
// LF is (or end).
inline const uint8_t* Line(const Spec& s, Verdict& v, const uint8_t* p, const uint8_t* end) {
  const size_t last = v.last();
  const size_t nullLen = s.nullText.size();
  const uint8_t delim = s.delim;
  if (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))) return *p == '\n' ? p : p + 1;
  for (size_t col = 0; col <= last; col++) {
    const int32_t rule = s.rules[col];
    if (rule >= 0 && v.Plain(col)) {
      const uint8_t* after = nullptr;
      if (static_cast<size_t>(end - p) >= nullLen && std::memcmp(p, s.nullText.data(), nullLen) == 0 &&
          (p + nullLen == end || FieldEnd(p + nullLen, end, delim)))
        after = p + nullLen;
      else
        after = Number(p, end, delim, rule);
      if (after != nullptr) {
        p = after;
      } else {
        v.Impure(col);
      }
    }
    while (p < end && *p != delim && *p != '\n') p++;
    if (p == end || *p == '\n') return p;
    p++;  // past the delimiter
  }
  const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
  return nl ? static_cast<const uint8_t*>(nl) : end;
}

// Bits of 64 bytes: where the delimiter, LF, a digit, '.' and a sign are.
struct Masks {
  uint64_t delim, lf, digit, dot, sign;
};

inline Masks Classify(const uint8_t* p, uint8_t delim) {
  Masks m{0, 0, 0, 0, 0};
#if defined(__SSE2__)
  const __m128i d = _mm_set1_epi8(static_cast<char>(delim));
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i zero = _mm_set1_epi8('0');
  const __m128i nine = _mm_set1_epi8(9);
  const __m128i dot = _mm_set1_epi8('.');
  const __m128i plus = _mm_set1_epi8('+');
  const __m128i minus = _mm_set1_epi8('-');
  const __m128i none = _mm_setzero_si128();
  for (int k = 0; k < 4; k++) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const auto bits = [&](__m128i eq) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(eq))) << (16 * k);
    };
    m.delim |= bits(_mm_cmpeq_epi8(v, d));
    m.lf |= bits(_mm_cmpeq_epi8(v, lf));
    // v - '0' is 0..9 for a digit; anything else saturates above 9 (or wrapped far above it).
    m.digit |= bits(_mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(v, zero), nine), none));
    m.dot |= bits(_mm_cmpeq_epi8(v, dot));
    m.sign |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, plus), _mm_cmpeq_epi8(v, minus)));
  }
#else
  for (int j = 0; j < 64; j++) {
    const uint64_t bit = uint64_t{1} << j;
    const uint8_t c = p[j];
    if (c == delim) m.delim |= bit;
    if (c == '\n') m.lf |= bit;
    if (static_cast<unsigned>(c - '0') <= 9) m.digit |= bit;
    if (c == '.') m.dot |= bit;
    if (c == '+' || c == '-') m.sign |= bit;
  }
#endif
  return m;
}

// Is the field at bits [a, b) of the block a plain number with at most `scale` decimals?
inline bool PlainBits(const Masks& m, unsigned a, unsigned b, int32_t scale) {
  if (b == a) return false;
  const uint64_t field = (b == 64 ? ~uint64_t{0} : (uint64_t{1} << b) - 1) & ~((uint64_t{1} << a) - 1);
  const uint64_t signed_ = m.sign & (uint64_t{1} << a);
  const uint64_t other = field & ~m.digit & ~signed_;
  const unsigned first = a + (signed_ != 0);  // the first digit
  if (other == 0) return b > first;
  // One '.' with digits before it and 1..scale after it.
  if ((other & (other - 1)) != 0 || (other & m.dot) == 0) return false;
  const unsigned at = static_cast<unsigned>(__builtin_ctzll(other));
  return at > first && b - at - 1 >= 1 && static_cast<int32_t>(b - at - 1) <= scale;
}

// Line() over the 64 bytes at p (p + 64 <= end) with bit masks, no branch per byte: false when the
// fields looked at do not all end within them (then Line() reads the line).
inline bool LineBits(const Spec& s, Verdict& v, const uint8_t* p, const uint8_t* end, const uint8_t** lineEnd) {
  const Masks m = Classify(p, s.delim);
  const size_t last = v.last();
  const size_t nullLen = s.nullText.size();
  uint64_t stops = m.delim | m.lf;
  unsigned a = 0;
  for (size_t col = 0; col <= last; col++) {
    if (stops == 0) return false;
    const unsigned stop = static_cast<unsigned>(__builtin_ctzll(stops));
    const bool lf = (m.lf >> stop) & 1;
    unsigned b = stop;
    if (lf && b > a && p[b - 1] == '\r') b--;
    if (lf && b == 0) {  // an empty line
      *lineEnd = p + stop;
      return true;
    }
    const int32_t rule = s.rules[col];
    if (rule >= 0 && v.Plain(col) && !PlainBits(m, a, b, rule)) {
      const bool isNull = b - a == nullLen && std::memcmp(p + a, s.nullText.data(), nullLen) == 0;
      if (!isNull) v.Impure(col);
    }
    if (lf) {
      *lineEnd = p + stop;
      return true;
    }
    stops &= stops - 1;
    a = stop + 1;
  }
  // The rest of the line: its LF in this block, or further on.
  const uint64_t rest = a >= 64 ? 0 : m.lf & ~((uint64_t{1} << a) - 1);
  if (rest != 0) {
    *lineEnd = p + __builtin_ctzll(rest);
  } else {
    const void* nl = std::memchr(p + 64, '\n', static_cast<size_t>(end - p - 64));
    *lineEnd = nl ? static_cast<const uint8_t*>(nl) : end;
  }
  return true;
}

// What the lines of a part were like: an empty one, ones ending in CR LF, in a bare LF (as
// native/textscan.cc tells them), and whether every line was looked at.
struct Lines {
  bool blank = false;
  bool crlf = false;
  bool bare = false;
  bool whole = true;
};

// Bytes that hold the quote: no column is plain (see Spec::quote).
inline void QuoteCheck(const Spec& s, Verdict& v, const uint8_t* p, size_t n) {
  if (s.quote >= 0 && n > 0 && std::memchr(p, s.quote, n) != nullptr) v.AllImpure();
}

// Checks the lines that start in [begin, end) of the `size` bytes at base (begin is a line start;
// a line may run on past end, not past size), counting down `skip` header lines first; returns
// where the next line starts. Stops early (lines.whole false) once no column is plain.
inline size_t ScanLines(const Spec& s, Verdict& v, const uint8_t* base, size_t size, size_t begin, size_t end,
                        int64_t& skip, Lines& l) {
  size_t at = begin;
  while (at < end) {
    if (v.Done()) {
      l.whole = false;
      return end;
    }
    size_t lineEnd;
    if (skip > 0) {
      skip--;
      const void* nl = std::memchr(base + at, '\n', size - at);
      lineEnd = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - base) : size;
    } else {
      const uint8_t* e;
      if (at + 64 > size || !LineBits(s, v, base + at, base + size, &e)) e = Line(s, v, base + at, base + size);
      lineEnd = static_cast<size_t>(e - base);
    }
    if (lineEnd < size) {
      const bool cr = lineEnd > at && base[lineEnd - 1] == '\r';
      if (lineEnd - at == (cr ? 1u : 0u)) l.blank = true;
      (cr ? l.crlf : l.bare) = true;
    }
    at = lineEnd + 1;
  }
  return at;
}

}  // namespace fieldscan

#endif  // LAKESHIFT_FIELDSCAN_H
