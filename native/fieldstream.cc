// native/fieldstream.cc
// The plain number scan (fieldscan.h) of an S3 object as its download arrives, so a COPY from S3
// does not read the file again before loading it: the download's ranged GETs feed their bytes
// here as they come (on the event loop, which waits on the S3 server most of that time). Each
// part keeps the line it has not seen the end of; a part that starts mid-object keeps the bytes
// before its first LF, the end of a line begun in the part before. When every part is in, those
// lines across part edges are checked too. A part fetched again starts over (the bytes it gave
// before were the object's, so what they showed stays true). Lines longer than 1 MiB across a
// part edge (or a header longer than a part) make the scan give up: the caller then scans the file.

#include <node_api.h>

#include <map>

#include "fieldscan.h"
#include "napi-util.h"

namespace fieldscan {

using lakeshift::Throw;

// fieldscan.cc: the { plain, lines? } both scans answer with.
napi_value PlainResult(napi_env env, const std::vector<bool>& plain, const Lines& lines);

/** Longest piece of a line a part keeps. */
constexpr size_t kMaxCarry = size_t{1} << 20;

struct StreamPart {
  uint64_t bytes = 0;
  bool ended = false;
  bool inHead = true;  // before the first LF of a part that starts mid-object
  std::string head;    // up to and including that LF
  std::string carry;   // a line begun and not ended yet
  int64_t skip = 0;    // header lines still to pass (the first part)
};

struct StreamScan {
  Spec spec;
  Verdict verdict;
  Lines lines;
  std::map<uint64_t, StreamPart> parts;
  bool broken = false;
  StreamScan(Spec s) : spec(std::move(s)), verdict(spec.rules) {}

  // Checks a run of whole lines (each ending in LF, or the object's last one without).
  void Scan(const uint8_t* p, size_t n, int64_t& skip) { ScanLines(spec, verdict, p, n, 0, n, skip, lines); }

  void Feed(uint64_t start, const uint8_t* p, size_t n) {
    QuoteCheck(spec, verdict, p, n);
    auto [it, fresh] = parts.try_emplace(start);
    StreamPart& part = it->second;
    if (fresh) {
      part.inHead = start != 0;
      part.skip = start == 0 ? spec.skip : 0;
    }
    part.bytes += n;
    const uint8_t* end = p + n;
    if (part.inHead) {
      const void* lf = std::memchr(p, '\n', n);
      const uint8_t* upTo = lf ? static_cast<const uint8_t*>(lf) + 1 : end;
      part.head.append(reinterpret_cast<const char*>(p), static_cast<size_t>(upTo - p));
      if (part.head.size() > kMaxCarry) broken = true;
      if (!lf) return;
      part.inHead = false;
      p = upTo;
    }
    if (!part.carry.empty()) {
      const void* lf = std::memchr(p, '\n', static_cast<size_t>(end - p));
      const uint8_t* upTo = lf ? static_cast<const uint8_t*>(lf) + 1 : end;
      part.carry.append(reinterpret_cast<const char*>(p), static_cast<size_t>(upTo - p));
      if (part.carry.size() > kMaxCarry) broken = true;
      if (!lf || broken) return;
      Scan(reinterpret_cast<const uint8_t*>(part.carry.data()), part.carry.size(), part.skip);
      part.carry.clear();
      p = upTo;
    }
    const void* last = p < end ? memrchr(p, '\n', static_cast<size_t>(end - p)) : nullptr;
    if (last) {
      const size_t whole = static_cast<size_t>(static_cast<const uint8_t*>(last) + 1 - p);
      Scan(p, whole, part.skip);
      p += whole;
    }
    part.carry.append(reinterpret_cast<const char*>(p), static_cast<size_t>(end - p));
    if (part.carry.size() > kMaxCarry) broken = true;
  }

  // The lines across part edges and the object's last line; false when the parts do not make up
  // the object or the scan gave up.
  bool Finish(uint64_t size) {
    if (verdict.Done()) return true;  // no column is plain, whatever the bytes not seen
    if (broken) return false;
    uint64_t next = 0;
    StreamPart* before = nullptr;
    for (auto& [start, part] : parts) {
      if (start != next || !part.ended) return false;
      if (before != nullptr) {
        // A part without LF (a line that runs on past it), or a header longer than the first part.
        if (part.inHead || before->skip > 0) return false;
        std::string line = before->carry + part.head;
        int64_t none = 0;
        Scan(reinterpret_cast<const uint8_t*>(line.data()), line.size(), none);
      }
      next = start + part.bytes;
      before = &part;
    }
    if (next != size) return false;
    // The object's last line, when it does not end in LF.
    if (before != nullptr && !before->carry.empty())
      Scan(reinterpret_cast<const uint8_t*>(before->carry.data()), before->carry.size(), before->skip);
    return true;
  }
};

StreamScan* Unwrap(napi_env env, napi_value v) {
  void* p = nullptr;
  if (napi_get_value_external(env, v, &p) != napi_ok) return nullptr;
  return static_cast<StreamScan*>(p);
}

}  // namespace fieldscan

// plainStream(delimiter, nullText, skipLines, rules: Int32Array, quote?: string): a scan to feed a download into.
napi_value PlainStream(napi_env env, napi_callback_info info) {
  using namespace fieldscan;
  size_t argc = 5;
  napi_value argv[5];
  Spec spec;
  std::string delim;
  std::string quote;
  size_t count;
  void* data;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 4 || argc > 5 ||
      !lakeshift::StringArg(env, argv[0], delim) || delim.size() != 1 ||
      !lakeshift::StringArg(env, argv[1], spec.nullText) ||
      napi_get_value_int64(env, argv[2], &spec.skip) != napi_ok || spec.skip < 0 ||
      !lakeshift::TypedArg(env, argv[3], napi_int32_array, &data, &count) ||
      (argc == 5 && (!lakeshift::StringArg(env, argv[4], quote) || quote.size() > 1)))
    return Throw(env, "plainStream: expected (one-byte delimiter, null text, skip >= 0, Int32Array, quote?)");
  if (!quote.empty()) spec.quote = static_cast<uint8_t>(quote[0]);
  spec.delim = static_cast<uint8_t>(delim[0]);
  const int32_t* rules = static_cast<const int32_t*>(data);
  spec.rules.assign(rules, rules + count);
  StreamScan* scan = new StreamScan(std::move(spec));
  napi_value out;
  if (napi_create_external(
          env, scan, [](napi_env, void* p, void*) { delete static_cast<StreamScan*>(p); }, nullptr, &out) != napi_ok) {
    delete scan;
    return Throw(env, "plainStream: could not create the scan");
  }
  return out;
}

// plainStreamFeed(scan, partStart, bytes: Uint8Array): the next bytes of the part that starts at partStart.
napi_value PlainStreamFeed(napi_env env, napi_callback_info info) {
  using namespace fieldscan;
  size_t argc = 3;
  napi_value argv[3];
  int64_t start;
  size_t count;
  void* data;
  StreamScan* scan = nullptr;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 3 ||
      (scan = Unwrap(env, argv[0])) == nullptr || napi_get_value_int64(env, argv[1], &start) != napi_ok || start < 0 ||
      !lakeshift::TypedArg(env, argv[2], napi_uint8_array, &data, &count))
    return Throw(env, "plainStreamFeed: expected (scan, part start >= 0, Uint8Array)");
  if (!scan->broken) scan->Feed(static_cast<uint64_t>(start), static_cast<const uint8_t*>(data), count);
  return nullptr;
}

// plainStreamPart(scan, partStart, ended: boolean): the part is complete (true) or starts over (false).
napi_value PlainStreamPart(napi_env env, napi_callback_info info) {
  using namespace fieldscan;
  size_t argc = 3;
  napi_value argv[3];
  int64_t start;
  bool ended;
  StreamScan* scan = nullptr;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 3 ||
      (scan = Unwrap(env, argv[0])) == nullptr || napi_get_value_int64(env, argv[1], &start) != napi_ok || start < 0 ||
      napi_get_value_bool(env, argv[2], &ended) != napi_ok)
    return Throw(env, "plainStreamPart: expected (scan, part start >= 0, ended)");
  if (ended)
    scan->parts[static_cast<uint64_t>(start)].ended = true;
  else
    scan->parts.erase(static_cast<uint64_t>(start));
  return nullptr;
}

// plainStreamResult(scan, size): { plain, lines? } as scanPlainNumbers gives for the object's
// `size` bytes, or null when the parts fed do not make it up (or the scan gave up).
napi_value PlainStreamResult(napi_env env, napi_callback_info info) {
  using namespace fieldscan;
  size_t argc = 2;
  napi_value argv[2];
  int64_t size;
  StreamScan* scan = nullptr;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 2 ||
      (scan = Unwrap(env, argv[0])) == nullptr || napi_get_value_int64(env, argv[1], &size) != napi_ok || size < 0)
    return Throw(env, "plainStreamResult: expected (scan, size >= 0)");
  napi_value out;
  if (!scan->Finish(static_cast<uint64_t>(size))) {
    napi_get_null(env, &out);
    return out;
  }
  const Spec& s = scan->spec;
  std::vector<bool> plain(s.rules.size());
  for (size_t i = 0; i < plain.size(); i++) plain[i] = s.rules[i] >= 0 && scan->verdict.Plain(i);
  if (scan->verdict.Done()) scan->lines.whole = false;
  return PlainResult(env, plain, scan->lines);
}
