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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "fieldscan.h"
#include <node_api.h>
#include "file-util.h"
#include "napi-util.h"

namespace fieldscan {

using lakeshift::Throw;

// Lets go of the mapped pages of [from, to) (rounded inwards to pages).
inline void Release(const uint8_t* base, size_t from, size_t to, size_t page) {
  const size_t a = (from + page - 1) / page * page;
  const size_t b = to / page * page;
  if (b > a) madvise(const_cast<uint8_t*>(base + a), b - a, MADV_DONTNEED);
}

constexpr size_t kRelease = size_t{64} << 20;

// Checks the lines that start in [begin, end) of the mapped file (begin is a line start),
// letting go of the pages behind every 64 MiB.
void Part(const Spec& s, Verdict& v, const uint8_t* base, size_t size, size_t begin, size_t end, int64_t skip,
          size_t page, Lines* seen) {
  size_t at = begin;
  while (at < end && seen->whole) {
    const size_t next = ScanLines(s, v, base, size, at, std::min(end, at + kRelease), skip, *seen);
    QuoteCheck(s, v, base + at, std::min(next, size) - at);
    Release(base, at, next, page);
    at = next;
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
  size_t size = 0;
  const int fd = lakeshift::OpenSized(w->path, &size, &w->error);
  if (fd < 0) return;
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
  if (v.Done()) w->lines.whole = false;  // (the stream scan's rule: no column left plain, no lines told)
  for (size_t i = 0; i < s.rules.size(); i++) w->plain[i] = s.rules[i] >= 0 && v.Plain(i);
}

napi_value PlainResult(napi_env env, const std::vector<bool>& plain, const Lines& lines) {
  napi_value out, list, seen, b;
  napi_create_object(env, &out);
  napi_create_array_with_length(env, plain.size(), &list);
  for (size_t i = 0; i < plain.size(); i++) {
    napi_get_boolean(env, plain[i], &b);
    napi_set_element(env, list, static_cast<uint32_t>(i), b);
  }
  napi_set_named_property(env, out, "plain", list);
  if (lines.whole) {
    napi_create_object(env, &seen);
    napi_get_boolean(env, lines.blank, &b);
    napi_set_named_property(env, seen, "blank", b);
    napi_get_boolean(env, lines.crlf, &b);
    napi_set_named_property(env, seen, "crlf", b);
    napi_get_boolean(env, lines.bare, &b);
    napi_set_named_property(env, seen, "bareLf", b);
    napi_set_named_property(env, out, "lines", seen);
  }
  return out;
}

void Complete(napi_env env, napi_status status, void* data) {
  Work* w = static_cast<Work*>(data);
  lakeshift::Settle(env, w->deferred, status, w->error, [&] { return PlainResult(env, w->plain, w->lines); });
  napi_delete_async_work(env, w->work);
  delete w;
}

}  // namespace fieldscan

// scanPlainNumbers(path, delimiter, nullText, skipLines, rules: Int32Array, quote?: string):
//   Promise<{ plain: boolean[], lines?: { blank, crlf, bareLf } }>
// rules[i] is -1 for a column not looked at, else the most decimals its plain numbers may have (0:
// an integer); `plain` says, per column, whether every field of it is plain (after skipLines
// lines; with a CSV quote byte, none in a file that holds one). `lines` is what scanText would say of the file, present when every line was read (the
// scan stops once no column is plain). On a worker thread.
napi_value ScanPlainNumbers(napi_env env, napi_callback_info info) {
  using namespace fieldscan;
  using lakeshift::StringArg;
  size_t argc = 6;
  napi_value argv[6];
  Work* w = new Work();
  std::string delim;
  std::string quote;
  int64_t skip;
  size_t count;
  void* data;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 5 || argc > 6 ||
      !StringArg(env, argv[0], w->path) || !StringArg(env, argv[1], delim) || delim.size() != 1 ||
      !StringArg(env, argv[2], w->spec.nullText) || napi_get_value_int64(env, argv[3], &skip) != napi_ok ||
      skip < 0 || !lakeshift::TypedArg(env, argv[4], napi_int32_array, &data, &count) ||
      (argc == 6 && (!StringArg(env, argv[5], quote) || quote.size() > 1))) {
    delete w;
    return Throw(env, "scanPlainNumbers: expected (path, one-byte delimiter, null text, skip >= 0, Int32Array, quote?)");
  }
  if (!quote.empty()) w->spec.quote = static_cast<uint8_t>(quote[0]);
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
