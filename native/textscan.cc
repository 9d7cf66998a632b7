// native/textscan.cc
// The first look COPY takes at a plain text file before it loads it: is there an empty line
// ("\n\n", "\n\r\n", or one at the very start, which DuckDB's CSV reader would skip silently),
// do lines end in CR LF, in a bare LF, or both, and is there a bare CR (one not just before an LF:
// data to COPY, a line end to DuckDB's reader)? JavaScript read the file through a buffer and
// searched each chunk (~0.3 CPU-s for 752 MB, most of it copying the bytes out of the page cache);
// here the file is mapped and searched 64 bytes at a time, on a libuv worker thread, so the event
// loop stays free. Same answers as src/lake/copy/blank.ts's JavaScript scan (tested against it).

#include <fcntl.h>
#include <node_api.h>

#include "file-util.h"
#include "napi-util.h"
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace textscan {

using lakeshift::Throw;

struct Found {
  bool blank = false;
  bool crlf = false;
  bool bare = false;
  bool bareCr = false;
};

// Bit j set where byte j of the 64 equals c.
inline uint64_t Mask64(const uint8_t* p, uint8_t c) {
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(static_cast<char>(c));
  uint64_t m = 0;
  for (int k = 0; k < 4; k++) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    m |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)))) << (16 * k);
  }
  return m;
#else
  uint64_t m = 0;
  for (int j = 0; j < 64; j++) m |= static_cast<uint64_t>(p[j] == c) << j;
  return m;
#endif
}

class Scanner {
 public:
  // The start of the file counts as just after a line end (an empty first line is blank).
  void Block(const uint8_t* p) {
    const uint64_t lf = Mask64(p, '\n');
    const uint64_t cr = Mask64(p, '\r');
    if (lf == 0 && cr == 0 && (prevLf_ | prevCr_) == 0) {
      prevLf2_ = 0;
      return;
    }
    const uint64_t lfBefore = (lf << 1) | prevLf_;         // byte j-1 is LF
    const uint64_t crBefore = (cr << 1) | prevCr_;         // byte j-1 is CR
    const uint64_t lf2Before = (lf << 2) | prevLf2_;       // byte j-2 is LF
    if ((lf & lfBefore) != 0 || (lf & crBefore & lf2Before) != 0) found_.blank = true;
    if ((lf & crBefore) != 0) found_.crlf = true;
    if ((lf & ~crBefore) != 0) found_.bare = true;
    // A CR whose next byte is no LF: the last block's last CR looked at here, this block's own but
    // its last (looked at with the next block, or by Finish).
    if ((prevCr_ & ~lf & 1) != 0 || (cr & ~(lf >> 1) & ~(uint64_t{1} << 63)) != 0) found_.bareCr = true;
    prevLf_ = lf >> 63;
    prevCr_ = cr >> 63;
    prevLf2_ = lf >> 62;
  }

  // The last bytes (fewer than 64), in a zero-filled block: zeros are neither LF nor CR.
  void Tail(const uint8_t* p, size_t n) {
    uint8_t block[64] = {0};
    std::memcpy(block, p, n);
    Block(block);
  }

  // The end of the file: a CR as its last byte is bare.
  void Finish() {
    if (prevCr_ != 0) found_.bareCr = true;
  }

  const Found& found() const { return found_; }

 private:
  Found found_;
  uint64_t prevLf_ = 1;  // the virtual line end before the file
  uint64_t prevCr_ = 0;
  uint64_t prevLf2_ = 2;  // bit 1: byte -1 (that virtual LF), bit 0: byte -2 (none)
};

// Scans a whole buffer (a test hook, and the mapped file).
// Scans n bytes; `last` says whether they end the file (else n is a multiple of 64).
void ScanInto(Scanner& s, const uint8_t* p, size_t n, bool last) {
  size_t i = 0;
  for (; i + 64 <= n; i += 64) s.Block(p + i);
  if (last && i < n) s.Tail(p + i, n - i);
  if (last) s.Finish();
}

// Scans a whole buffer (scanBytes).
Found ScanBytes(const uint8_t* p, size_t n) {
  Scanner s;
  ScanInto(s, p, n, true);
  return s.found();
}

// The file is mapped a window at a time (a multiple of 64 and of the page size), so a file of any
// size holds at most one window of mapped pages.
constexpr size_t kWindow = size_t{256} << 20;

struct Work {
  size_t window = kWindow;
  napi_async_work work = nullptr;
  napi_deferred deferred = nullptr;
  std::string path;
  Found found;
  std::string error;
};

void Execute(napi_env, void* data) {
  Work* w = static_cast<Work*>(data);
  size_t size = 0;
  const int fd = lakeshift::OpenSized(w->path, &size, &w->error);
  if (fd < 0) return;
  if (size == 0) {
    close(fd);
    return;
  }
  Scanner s;
  for (size_t at = 0; at < size; at += w->window) {
    const size_t n = size - at < w->window ? size - at : w->window;
    void* map = mmap(nullptr, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, static_cast<off_t>(at));
    if (map == MAP_FAILED) {
      w->error = std::string("mmap failed: ") + std::strerror(errno);
      close(fd);
      return;
    }
    madvise(map, n, MADV_SEQUENTIAL);
    ScanInto(s, static_cast<const uint8_t*>(map), n, at + n == size);
    munmap(map, n);
  }
  close(fd);
  w->found = s.found();
}

napi_value FoundObject(napi_env env, const Found& f) {
  napi_value out, v;
  napi_create_object(env, &out);
  napi_get_boolean(env, f.blank, &v);
  napi_set_named_property(env, out, "blank", v);
  napi_get_boolean(env, f.crlf, &v);
  napi_set_named_property(env, out, "crlf", v);
  napi_get_boolean(env, f.bare, &v);
  napi_set_named_property(env, out, "bareLf", v);
  napi_get_boolean(env, f.bareCr, &v);
  napi_set_named_property(env, out, "bareCr", v);
  return out;
}

void Complete(napi_env env, napi_status status, void* data) {
  Work* w = static_cast<Work*>(data);
  lakeshift::Settle(env, w->deferred, status, w->error, [&] { return FoundObject(env, w->found); });
  napi_delete_async_work(env, w->work);
  delete w;
}

}  // namespace textscan

// scanText(path: string, window?: number): Promise<{ blank, crlf, bareLf, bareCr }> — on a worker thread.
// `window` (bytes mapped at a time, a multiple of the page size; tests use small ones) defaults
// to 256 MiB.
napi_value ScanText(napi_env env, napi_callback_info info) {
  using namespace textscan;
  size_t argc = 2;
  napi_value argv[2];
  size_t len;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 1 ||
      napi_get_value_string_utf8(env, argv[0], nullptr, 0, &len) != napi_ok)
    return Throw(env, "scanText: expected a path");
  size_t window = kWindow;
  if (argc >= 2) {
    int64_t n;
    const int64_t page = sysconf(_SC_PAGESIZE);
    if (napi_get_value_int64(env, argv[1], &n) != napi_ok || n <= 0 || n % page != 0 || n % 64 != 0)
      return Throw(env, "scanText: the window must be a positive multiple of the page size");
    window = static_cast<size_t>(n);
  }
  Work* w = new Work();
  w->window = window;
  w->path.resize(len + 1);
  napi_get_value_string_utf8(env, argv[0], &w->path[0], len + 1, &len);
  w->path.resize(len);
  napi_value promise, name;
  napi_create_promise(env, &w->deferred, &promise);
  napi_create_string_utf8(env, "lakeshift.scanText", NAPI_AUTO_LENGTH, &name);
  if (napi_create_async_work(env, nullptr, name, Execute, Complete, w, &w->work) != napi_ok ||
      napi_queue_async_work(env, w->work) != napi_ok) {
    delete w;
    return Throw(env, "scanText: could not queue the scan");
  }
  return promise;
}

// scanBytes(bytes: Uint8Array): { blank, crlf, bareLf, bareCr } — the same scan over memory, synchronously.
napi_value ScanBytesJs(napi_env env, napi_callback_info info) {
  using namespace textscan;
  size_t argc = 1;
  napi_value argv[1];
  napi_typedarray_type type;
  size_t count;
  void* data;
  napi_value ab;
  size_t offset;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 1 ||
      napi_get_typedarray_info(env, argv[0], &type, &count, &data, &ab, &offset) != napi_ok ||
      type != napi_uint8_array)
    return Throw(env, "scanBytes: expected a Uint8Array");
  return FoundObject(env, ScanBytes(static_cast<const uint8_t*>(data), count));
}
