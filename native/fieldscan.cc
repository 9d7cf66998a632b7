// native/fieldscan.cc
// Which numeric columns of a plain delimited file hold only plain numbers: every field
// `[+-]?[0-9]+`, with at most a column's number of decimals after a '.', or the NULL AS text.
// DuckDB's CSV reader reads such a column as its type (INTEGER, DECIMAL(p,s)) to the same value
// COPY's conversion gives, at a fraction of the cost of a text column converted afterwards; it
// also takes forms Redshift refuses ('1e3', '1.5' into an integer, '1_000', '0x10'), so it may
// read a column so only where this scan found none of them. On the way it tells what
// native/textscan.cc tells (empty lines, line endings), so COPY reads such a file once before
// loading it. The file is mapped and split between two threads at line starts, on a libuv worker
// thread; pages behind each thread are let go as it goes, so a file of any size holds a bounded
// number of mapped pages.

#include <fcntl.h>
#include <node_api.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "napi-util.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fieldscan {

using lakeshift::Throw;

// What the scan looks for: per column, -1 (not looked at) or the most decimals a plain number may have.
struct Spec {
  uint8_t delim = '|';
  std::string nullText;
  int64_t skip = 0;
  std::vector<int32_t> rules;
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

// Lets go of the mapped pages of [from, to) (rounded inwards to pages).
inline void Release(const uint8_t* base, size_t from, size_t to, size_t page) {
  const size_t a = (from + page - 1) / page * page;
  const size_t b = to / page * page;
  if (b > a) madvise(const_cast<uint8_t*>(base + a), b - a, MADV_DONTNEED);
}

constexpr size_t kRelease = size_t{64} << 20;

// What the lines of a part were like: an empty one, ones ending in CR LF, in a bare LF (as
// native/textscan.cc tells them), and whether every line was looked at.
struct Lines {
  bool blank = false;
  bool crlf = false;
  bool bare = false;
  bool whole = true;
};

// Checks the lines that start in [begin, end) of the mapped file (begin is a line start).
void Part(const Spec& s, Verdict& v, const uint8_t* base, size_t size, size_t begin, size_t end, int64_t skip,
          size_t page, Lines* seen) {
  size_t at = begin;
  size_t released = begin;
  Lines& l = *seen;
  while (at < end) {
    if (v.Done()) {
      l.whole = false;
      break;
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
    if (at - released >= kRelease) {
      Release(base, released, at, page);
      released = at;
    }
  }
}

struct Work {
  napi_async_work work = nullptr;
  napi_deferred deferred = nullptr;
  std::string path;
  Spec spec;
  std::vector<bool> plain;
  Lines lines;
  std::string error;
};

void Execute(napi_env, void* data) {
  Work* w = static_cast<Work*>(data);
  const Spec& s = w->spec;
  Verdict v(s.rules);
  w->plain.assign(s.rules.size(), false);
  const int fd = open(w->path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    w->error = std::string("open failed: ") + std::strerror(errno);
    return;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    w->error = std::string("stat failed: ") + std::strerror(errno);
    close(fd);
    return;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (v.Done()) w->lines.whole = false;
  if (size > 0 && !v.Done()) {
    void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      w->error = std::string("mmap failed: ") + std::strerror(errno);
      close(fd);
      return;
    }
    madvise(map, size, MADV_SEQUENTIAL);
    const uint8_t* base = static_cast<const uint8_t*>(map);
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    // The second half starts at the first line start at or after the middle.
    size_t middle = size / 2;
    const void* nl = middle > 0 ? std::memchr(base + middle - 1, '\n', size - middle + 1) : nullptr;
    middle = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - base) + 1 : size;
    if (s.skip > 0 || size < (size_t{1} << 20)) middle = size;  // a header's lines are counted from the start
    std::thread second;
    Lines two;
    if (middle < size) second = std::thread(Part, std::cref(s), std::ref(v), base, size, middle, size, 0, page, &two);
    Part(s, v, base, size, 0, middle, s.skip, page, &w->lines);
    if (second.joinable()) second.join();
    w->lines.blank |= two.blank;
    w->lines.crlf |= two.crlf;
    w->lines.bare |= two.bare;
    w->lines.whole &= two.whole;
    munmap(map, size);
  }
  close(fd);
  for (size_t i = 0; i < s.rules.size(); i++) w->plain[i] = s.rules[i] >= 0 && v.Plain(i);
}

void Complete(napi_env env, napi_status status, void* data) {
  Work* w = static_cast<Work*>(data);
  if (status != napi_ok || !w->error.empty()) {
    napi_value msg, err;
    napi_create_string_utf8(env, w->error.empty() ? "scan cancelled" : w->error.c_str(), NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, nullptr, msg, &err);
    napi_reject_deferred(env, w->deferred, err);
  } else {
    napi_value out, plain, lines, b;
    napi_create_object(env, &out);
    napi_create_array_with_length(env, w->plain.size(), &plain);
    for (size_t i = 0; i < w->plain.size(); i++) {
      napi_get_boolean(env, w->plain[i], &b);
      napi_set_element(env, plain, static_cast<uint32_t>(i), b);
    }
    napi_set_named_property(env, out, "plain", plain);
    if (w->lines.whole) {
      napi_create_object(env, &lines);
      napi_get_boolean(env, w->lines.blank, &b);
      napi_set_named_property(env, lines, "blank", b);
      napi_get_boolean(env, w->lines.crlf, &b);
      napi_set_named_property(env, lines, "crlf", b);
      napi_get_boolean(env, w->lines.bare, &b);
      napi_set_named_property(env, lines, "bareLf", b);
      napi_set_named_property(env, out, "lines", lines);
    }
    napi_resolve_deferred(env, w->deferred, out);
  }
  napi_delete_async_work(env, w->work);
  delete w;
}

bool StringArg(napi_env env, napi_value v, std::string& out) {
  size_t len;
  if (napi_get_value_string_utf8(env, v, nullptr, 0, &len) != napi_ok) return false;
  out.resize(len + 1);
  napi_get_value_string_utf8(env, v, &out[0], len + 1, &len);
  out.resize(len);
  return true;
}

}  // namespace fieldscan

// scanPlainNumbers(path, delimiter, nullText, skipLines, rules: Int32Array):
//   Promise<{ plain: boolean[], lines?: { blank, crlf, bareLf } }>
// rules[i] is -1 for a column not looked at, else the most decimals its plain numbers may have (0:
// an integer); `plain` says, per column, whether every field of it is plain (after skipLines
// lines). `lines` is what scanText would say of the file, present when every line was read (the
// scan stops once no column is plain). On a worker thread.
napi_value ScanPlainNumbers(napi_env env, napi_callback_info info) {
  using namespace fieldscan;
  size_t argc = 5;
  napi_value argv[5];
  Work* w = new Work();
  std::string delim;
  int64_t skip;
  napi_typedarray_type type;
  size_t count;
  void* data;
  napi_value ab;
  size_t offset;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 5 ||
      !StringArg(env, argv[0], w->path) || !StringArg(env, argv[1], delim) || delim.size() != 1 ||
      !StringArg(env, argv[2], w->spec.nullText) || napi_get_value_int64(env, argv[3], &skip) != napi_ok ||
      skip < 0 || napi_get_typedarray_info(env, argv[4], &type, &count, &data, &ab, &offset) != napi_ok ||
      type != napi_int32_array) {
    delete w;
    return Throw(env, "scanPlainNumbers: expected (path, one-byte delimiter, null text, skip >= 0, Int32Array)");
  }
  w->spec.delim = static_cast<uint8_t>(delim[0]);
  w->spec.skip = skip;
  const int32_t* rules = static_cast<const int32_t*>(data);
  w->spec.rules.assign(rules, rules + count);
  napi_value promise, name;
  napi_create_promise(env, &w->deferred, &promise);
  napi_create_string_utf8(env, "lakeshift.scanPlainNumbers", NAPI_AUTO_LENGTH, &name);
  if (napi_create_async_work(env, nullptr, name, Execute, Complete, w, &w->work) != napi_ok ||
      napi_queue_async_work(env, w->work) != napi_ok) {
    delete w;
    return Throw(env, "scanPlainNumbers: could not queue the scan");
  }
  return promise;
}
