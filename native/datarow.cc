// native/datarow.cc
// Postgres DataRow ('D') messages written straight from one DuckDB data chunk's column vectors:
// the hot path of serving a large result. JavaScript hands over, per column, a kind code and the
// vector's bytes (as @duckdb/node-bindings' vector_get_data returns them) with its validity mask,
// or, for columns it formats itself, cells already encoded (bytes, offsets, one null byte a row).
// Text output is byte-identical to src/engine/cells-native-text.ts (Postgres's text format).
// Same process as DuckDB: a string_t's pointer is dereferenced directly; the chunk is alive for
// the whole (synchronous) call. Little-endian host assumed, as DuckDB's vectors are.

#include <dlfcn.h>
#include <node_api.h>

#include "napi-util.h"

#include <cstdint>
#include <cstring>

// native/copycast.cc: COPY's field parsers as DuckDB scalar functions.
bool LinkCopyCasts(void* lib);
napi_value RegisterCopyCast(napi_env env, napi_callback_info info);
// native/textscan.cc: COPY's first look at a text file (empty lines, line endings).
napi_value ScanText(napi_env env, napi_callback_info info);
napi_value ScanBytesJs(napi_env env, napi_callback_info info);
// native/fieldscan.cc: columns of a delimited file that hold only plain numbers.
napi_value ScanPlainNumbers(napi_env env, napi_callback_info info);
// native/fieldstream.cc: the same scan of a download as it arrives.
napi_value PlainStream(napi_env env, napi_callback_info info);
napi_value PlainStreamFeed(napi_env env, napi_callback_info info);
napi_value PlainStreamPart(napi_env env, napi_callback_info info);
napi_value PlainStreamResult(napi_env env, napi_callback_info info);

namespace {

using lakeshift::Throw;

enum Kind : int32_t {
  kCells = 0,  // pre-encoded: bytes, Int32Array offsets, Uint8Array nulls (1 = NULL) or null
  kBool = 1,
  kI8 = 2,
  kI16 = 3,
  kI32 = 4,
  kI64 = 5,
  kU8 = 6,
  kU16 = 7,
  kU32 = 8,
  kU64 = 9,
  kI128 = 10,
  kU128 = 11,
  kDate = 12,
  kString = 13,  // duckdb string_t slots (VARCHAR, BLOB)
};

constexpr int kMaxColumns = 1664;  // Postgres's limit on a row's columns
// Widest text a fixed-width cell can need: '-' + 39 digits + '.' (a 128-bit decimal), or a date.
constexpr int64_t kFixedWidth = 48;
constexpr int32_t kDateInfinity = 2147483647;

struct Column {
  int32_t kind;
  int32_t scale;
  const uint8_t* data;
  const uint8_t* validity;  // DuckDB bit mask (kinds > 0) or null when every row is valid
  const uint8_t* nulls;     // one byte a row (kCells) or null
  const int32_t* offsets;   // kCells only
};

const char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

inline int DigitCount(uint64_t v) {
  int n = 1;
  for (;;) {
    if (v < 10) return n;
    if (v < 100) return n + 1;
    if (v < 1000) return n + 2;
    if (v < 10000) return n + 3;
    v /= 10000;
    n += 4;
  }
}

// Writes exactly `digits` digits of v (zero-padded on the left) ending at out + digits.
inline void WriteDigitsBack(uint8_t* out, int digits, uint64_t v) {
  uint8_t* p = out + digits;
  while (p - out >= 2) {
    unsigned k = static_cast<unsigned>(v % 100) * 2;
    v /= 100;
    *--p = kDigitPairs[k + 1];
    *--p = kDigitPairs[k];
  }
  if (p > out) *--p = static_cast<uint8_t>('0' + v % 10);
}

inline uint8_t* WriteU64(uint8_t* out, uint64_t v) {
  int n = DigitCount(v);
  WriteDigitsBack(out, n, v);
  return out + n;
}

constexpr uint64_t kPow10_19 = 10000000000000000000ULL;

inline uint8_t* WriteU128(uint8_t* out, unsigned __int128 v) {
  if (v <= UINT64_MAX) return WriteU64(out, static_cast<uint64_t>(v));
  unsigned __int128 hi = v / kPow10_19;
  uint64_t lo = static_cast<uint64_t>(v - hi * kPow10_19);
  out = WriteU128(out, hi);
  WriteDigitsBack(out, 19, lo);
  return out + 19;
}

// Writes `digits` digits of v (v < 10^digits), zero-padded, for digits up to 38.
inline uint8_t* WritePadded128(uint8_t* out, int digits, unsigned __int128 v) {
  if (digits <= 19) {
    WriteDigitsBack(out, digits, static_cast<uint64_t>(v));
    return out + digits;
  }
  unsigned __int128 hi = v / kPow10_19;
  WriteDigitsBack(out, digits - 19, static_cast<uint64_t>(hi));
  WriteDigitsBack(out + digits - 19, 19, static_cast<uint64_t>(v - hi * kPow10_19));
  return out + digits;
}

unsigned __int128 Pow10(int n) {
  unsigned __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// A magnitude with a decimal point `scale` digits from the right (scale 0: no point).
inline uint8_t* WriteScaled64(uint8_t* out, uint64_t mag, int scale, uint64_t pow) {
  if (scale == 0) return WriteU64(out, mag);
  out = WriteU64(out, mag / pow);
  *out++ = '.';
  WriteDigitsBack(out, scale, mag % pow);
  return out + scale;
}

inline uint8_t* WriteScaled128(uint8_t* out, unsigned __int128 mag, int scale, unsigned __int128 pow) {
  if (scale == 0) return WriteU128(out, mag);
  out = WriteU128(out, mag / pow);
  *out++ = '.';
  return WritePadded128(out, scale, mag % pow);
}

inline uint8_t* WriteSigned64(uint8_t* out, int64_t v, int scale, uint64_t pow) {
  uint64_t mag = static_cast<uint64_t>(v);
  if (v < 0) {
    *out++ = '-';
    mag = 0 - mag;
  }
  return WriteScaled64(out, mag, scale, pow);
}

// Civil date from days since 1970-01-01 (proleptic Gregorian), as Postgres prints it: year at
// least four digits, ' BC' for years before 1, 'infinity' / '-infinity'.
inline uint8_t* WriteDate(uint8_t* out, int32_t days) {
  if (days == kDateInfinity || days == -kDateInfinity) {
    if (days < 0) *out++ = '-';
    std::memcpy(out, "infinity", 8);
    return out + 8;
  }
  int64_t z = static_cast<int64_t>(days) + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  bool bc = y <= 0;
  if (bc) y = 1 - y;
  if (y > 9999) {
    out = WriteU64(out, static_cast<uint64_t>(y));
  } else {
    WriteDigitsBack(out, 4, static_cast<uint64_t>(y));
    out += 4;
  }
  *out++ = '-';
  WriteDigitsBack(out, 2, static_cast<uint64_t>(m));
  out += 2;
  *out++ = '-';
  WriteDigitsBack(out, 2, static_cast<uint64_t>(d));
  out += 2;
  if (bc) {
    std::memcpy(out, " BC", 3);
    out += 3;
  }
  return out;
}

template <typename T>
inline T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

inline void PutBE32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// Writes the text of a fixed-width (non-NULL) cell at out; returns its end.
inline uint8_t* WriteFixed(const Column& c, int64_t r, uint8_t* out, uint64_t pow64,
                           unsigned __int128 pow128) {
  const uint8_t* d = c.data;
  switch (c.kind) {
    case kBool:
      *out = d[r] ? 't' : 'f';
      return out + 1;
    case kI8:
      return WriteSigned64(out, static_cast<int8_t>(d[r]), c.scale, pow64);
    case kI16:
      return WriteSigned64(out, Load<int16_t>(d + 2 * r), c.scale, pow64);
    case kI32:
      return WriteSigned64(out, Load<int32_t>(d + 4 * r), c.scale, pow64);
    case kI64:
      return WriteSigned64(out, Load<int64_t>(d + 8 * r), c.scale, pow64);
    case kU8:
      return WriteScaled64(out, d[r], c.scale, pow64);
    case kU16:
      return WriteScaled64(out, Load<uint16_t>(d + 2 * r), c.scale, pow64);
    case kU32:
      return WriteScaled64(out, Load<uint32_t>(d + 4 * r), c.scale, pow64);
    case kU64:
      return WriteScaled64(out, Load<uint64_t>(d + 8 * r), c.scale, pow64);
    case kI128: {
      // DuckDB's hugeint_t: uint64 lower, int64 upper.
      uint64_t lo = Load<uint64_t>(d + 16 * r);
      int64_t hi = Load<int64_t>(d + 16 * r + 8);
      __int128 v = static_cast<__int128>((static_cast<unsigned __int128>(hi) << 64) | lo);
      unsigned __int128 mag = static_cast<unsigned __int128>(v);
      if (v < 0) {
        *out++ = '-';
        mag = 0 - mag;
      }
      return WriteScaled128(out, mag, c.scale, pow128);
    }
    case kU128: {
      uint64_t lo = Load<uint64_t>(d + 16 * r);
      uint64_t hi = Load<uint64_t>(d + 16 * r + 8);
      return WriteScaled128(out, (static_cast<unsigned __int128>(hi) << 64) | lo, c.scale, pow128);
    }
    case kDate:
      return WriteDate(out, Load<int32_t>(d + 4 * r));
    default:
      return out;
  }
}

inline bool IsNull(const Column& c, int64_t r) {
  if (c.kind == kCells) return c.nulls != nullptr && c.nulls[r] == 1;
  return c.validity != nullptr && ((c.validity[r >> 3] >> (r & 7)) & 1) == 0;
}

// Bytes of a variable-width cell (0 for fixed-width kinds and NULLs).
inline int64_t VarLength(const Column& c, int64_t r) {
  if (c.kind == kCells) return c.offsets[r + 1] - c.offsets[r];
  if (c.kind == kString) return Load<uint32_t>(c.data + 16 * r);
  return 0;
}

// The four DuckDB C API functions used to read a chunk's vectors in place (no copy). They are
// looked up in the libduckdb.so that @duckdb/node-bindings already loaded; a duckdb_data_chunk is
// the pointer inside the chunk's external (DuckDBDataChunk.chunk).
using ChunkGetVector = void* (*)(void* chunk, uint64_t column);
using ChunkGetSize = uint64_t (*)(void* chunk);
using VectorGetData = void* (*)(void* vector);
using VectorGetValidity = uint64_t* (*)(void* vector);
ChunkGetVector chunkGetVector = nullptr;
ChunkGetSize chunkGetSize = nullptr;
VectorGetData vectorGetData = nullptr;
VectorGetValidity vectorGetValidity = nullptr;

bool LinkDuckDB(const char* path) {
  void* lib = dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
  if (lib == nullptr) return false;
  chunkGetVector = reinterpret_cast<ChunkGetVector>(dlsym(lib, "duckdb_data_chunk_get_vector"));
  chunkGetSize = reinterpret_cast<ChunkGetSize>(dlsym(lib, "duckdb_data_chunk_get_size"));
  vectorGetData = reinterpret_cast<VectorGetData>(dlsym(lib, "duckdb_vector_get_data"));
  vectorGetValidity = reinterpret_cast<VectorGetValidity>(dlsym(lib, "duckdb_vector_get_validity"));
  LinkCopyCasts(lib);
  return chunkGetVector && chunkGetSize && vectorGetData && vectorGetValidity;
}

// Returns the bytes behind a typed array (any element type), or null for null/undefined.
bool BytesOf(napi_env env, napi_value v, const uint8_t** out, size_t* length) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok) return false;
  if (t == napi_null || t == napi_undefined) {
    *out = nullptr;
    if (length) *length = 0;
    return true;
  }
  napi_typedarray_type type;
  size_t count;
  void* data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &count, &data, &ab, &offset) != napi_ok) return false;
  *out = static_cast<const uint8_t*>(data);
  if (length) *length = count;
  return true;
}

// encode(desc: Int32Array [kind, scale]*n, data: unknown[], masks: unknown[], offsets: unknown[],
//        end: number, out: Uint8Array, io: Int32Array [pos, row], chunk?: external)
// Writes DataRows for rows io[1] .. end into out from io[0]; stops before a row that does not
// fit. On return io[0] is the next write position and io[1] the first row not written. With
// `chunk` (a duckdb_data_chunk external, after linkDuckDB), raw columns whose data[c] is null are
// read in place from the chunk's vectors.
napi_value Encode(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value argv[8];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 7)
    return Throw(env, "encode: expected 7 or 8 arguments");
  void* chunk = nullptr;
  if (argc == 8) {
    napi_valuetype t;
    if (napi_typeof(env, argv[7], &t) != napi_ok) return Throw(env, "encode: bad chunk");
    if (t == napi_external) {
      if (chunkGetVector == nullptr) return Throw(env, "encode: linkDuckDB was not called");
      if (napi_get_value_external(env, argv[7], &chunk) != napi_ok || chunk == nullptr)
        return Throw(env, "encode: bad chunk");
    } else if (t != napi_undefined && t != napi_null) {
      return Throw(env, "encode: chunk must be a DuckDB data chunk");
    }
  }
  const uint8_t* descBytes;
  size_t descCount;
  if (!BytesOf(env, argv[0], &descBytes, &descCount) || descBytes == nullptr)
    return Throw(env, "encode: desc must be an Int32Array");
  const int32_t* desc = reinterpret_cast<const int32_t*>(descBytes);
  int n = static_cast<int>(descCount / 2);
  if (n <= 0 || n > kMaxColumns) return Throw(env, "encode: bad column count");
  int64_t end;
  if (napi_get_value_int64(env, argv[4], &end) != napi_ok) return Throw(env, "encode: end must be a number");
  const uint8_t* outBase;
  size_t outLength;
  if (!BytesOf(env, argv[5], &outBase, &outLength) || outBase == nullptr)
    return Throw(env, "encode: out must be a Uint8Array");
  const uint8_t* ioBytes;
  size_t ioCount;
  if (!BytesOf(env, argv[6], &ioBytes, &ioCount) || ioBytes == nullptr || ioCount < 2)
    return Throw(env, "encode: io must be an Int32Array of 2");
  int32_t* io = const_cast<int32_t*>(reinterpret_cast<const int32_t*>(ioBytes));

  Column cols[kMaxColumns];
  int varCols[kMaxColumns];
  int varCount = 0;
  int64_t fixedMax = 7;
  uint64_t pow64[kMaxColumns];
  unsigned __int128 pow128[kMaxColumns];
  for (int c = 0; c < n; c++) {
    napi_value dv, mv, ov;
    Column& col = cols[c];
    col.kind = desc[2 * c];
    col.scale = desc[2 * c + 1];
    if (col.kind < kCells || col.kind > kString || col.scale < 0 || col.scale > 38)
      return Throw(env, "encode: bad column kind or scale");
    if (napi_get_element(env, argv[1], c, &dv) != napi_ok || napi_get_element(env, argv[2], c, &mv) != napi_ok ||
        napi_get_element(env, argv[3], c, &ov) != napi_ok)
      return Throw(env, "encode: data, masks and offsets must be arrays");
    const uint8_t* mask = nullptr;
    const uint8_t* offs = nullptr;
    if (!BytesOf(env, dv, &col.data, nullptr) || !BytesOf(env, mv, &mask, nullptr) || !BytesOf(env, ov, &offs, nullptr))
      return Throw(env, "encode: column buffers must be typed arrays");
    if (col.kind != kCells && col.data == nullptr && chunk != nullptr) {
      if (end > static_cast<int64_t>(chunkGetSize(chunk))) return Throw(env, "encode: rows beyond the chunk");
      void* vector = chunkGetVector(chunk, static_cast<uint64_t>(c));
      if (vector == nullptr) return Throw(env, "encode: no such column in the chunk");
      col.data = static_cast<const uint8_t*>(vectorGetData(vector));
      mask = reinterpret_cast<const uint8_t*>(vectorGetValidity(vector));
    }
    col.validity = col.kind == kCells ? nullptr : mask;
    col.nulls = col.kind == kCells ? mask : nullptr;
    col.offsets = reinterpret_cast<const int32_t*>(offs);
    if (col.kind == kCells && col.offsets == nullptr) return Throw(env, "encode: cells need offsets");
    if (col.kind != kCells && col.data == nullptr && end > io[1]) return Throw(env, "encode: column data missing");
    pow64[c] = col.scale <= 19 ? static_cast<uint64_t>(Pow10(col.scale)) : 0;
    pow128[c] = Pow10(col.scale);
    if (col.kind == kCells || col.kind == kString) {
      varCols[varCount++] = c;
      fixedMax += 4;
    } else {
      fixedMax += 4 + kFixedWidth;
    }
  }

  uint8_t* out = const_cast<uint8_t*>(outBase);
  uint8_t* limit = out + outLength;
  uint8_t* p = out + io[0];
  int64_t r = io[1];
  for (; r < end; r++) {
    int64_t need = fixedMax;
    for (int k = 0; k < varCount; k++) {
      const Column& c = cols[varCols[k]];
      if (!IsNull(c, r)) need += VarLength(c, r);
    }
    if (limit - p < need) break;
    uint8_t* row = p;
    row[0] = 'D';
    row[5] = static_cast<uint8_t>(n >> 8);
    row[6] = static_cast<uint8_t>(n & 0xff);
    p += 7;
    for (int ci = 0; ci < n; ci++) {
      const Column& c = cols[ci];
      if (IsNull(c, r)) {
        std::memset(p, 0xff, 4);
        p += 4;
        continue;
      }
      uint8_t* cell = p + 4;
      uint8_t* e;
      if (c.kind == kCells) {
        int32_t s = c.offsets[r];
        int32_t len = c.offsets[r + 1] - s;
        if (len > 0) std::memcpy(cell, c.data + s, static_cast<size_t>(len));
        e = cell + len;
      } else if (c.kind == kString) {
        const uint8_t* slot = c.data + 16 * r;
        uint32_t len = Load<uint32_t>(slot);
        const uint8_t* src = len <= 12 ? slot + 4 : Load<const uint8_t*>(slot + 8);
        std::memcpy(cell, src, len);
        e = cell + len;
      } else {
        e = WriteFixed(c, r, cell, pow64[ci], pow128[ci]);
      }
      PutBE32(p, static_cast<uint32_t>(e - cell));
      p = e;
    }
    PutBE32(row + 1, static_cast<uint32_t>(p - row - 1));
  }
  io[0] = static_cast<int32_t>(p - out);
  io[1] = static_cast<int32_t>(r);
  return nullptr;
}

// linkDuckDB(path: string): boolean — finds the DuckDB C API in the already loaded library.
napi_value Link(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char path[4096];
  size_t len;
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 1 ||
      napi_get_value_string_utf8(env, argv[0], path, sizeof path, &len) != napi_ok)
    return Throw(env, "linkDuckDB: expected a library path");
  napi_value result;
  napi_get_boolean(env, LinkDuckDB(path), &result);
  return result;
}

// Bumped whenever an export is added or its contract changes: src/engine/native-rows.ts refuses
// an addon built from other sources (a checkout that moved on without `npm run build:native`).
constexpr int32_t kVersion = 6;

napi_value Init(napi_env env, napi_value exports) {
  napi_value version;
  if (napi_create_int32(env, kVersion, &version) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "version", version) != napi_ok) return nullptr;
  napi_value fn;
  if (napi_create_function(env, "encode", NAPI_AUTO_LENGTH, Encode, nullptr, &fn) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "encode", fn) != napi_ok) return nullptr;
  if (napi_create_function(env, "linkDuckDB", NAPI_AUTO_LENGTH, Link, nullptr, &fn) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "linkDuckDB", fn) != napi_ok) return nullptr;
  if (napi_create_function(env, "registerCopyCast", NAPI_AUTO_LENGTH, RegisterCopyCast, nullptr, &fn) != napi_ok)
    return nullptr;
  if (napi_set_named_property(env, exports, "registerCopyCast", fn) != napi_ok) return nullptr;
  if (napi_create_function(env, "scanText", NAPI_AUTO_LENGTH, ScanText, nullptr, &fn) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "scanText", fn) != napi_ok) return nullptr;
  if (napi_create_function(env, "scanBytes", NAPI_AUTO_LENGTH, ScanBytesJs, nullptr, &fn) != napi_ok) return nullptr;
  if (napi_set_named_property(env, exports, "scanBytes", fn) != napi_ok) return nullptr;
  if (napi_create_function(env, "scanPlainNumbers", NAPI_AUTO_LENGTH, ScanPlainNumbers, nullptr, &fn) != napi_ok)
    return nullptr;
  if (napi_set_named_property(env, exports, "scanPlainNumbers", fn) != napi_ok) return nullptr;
  const struct {
    const char* name;
    napi_callback cb;
  } stream[] = {{"plainStream", PlainStream},
                {"plainStreamFeed", PlainStreamFeed},
                {"plainStreamPart", PlainStreamPart},
                {"plainStreamResult", PlainStreamResult}};
  for (const auto& f : stream) {
    if (napi_create_function(env, f.name, NAPI_AUTO_LENGTH, f.cb, nullptr, &fn) != napi_ok) return nullptr;
    if (napi_set_named_property(env, exports, f.name, fn) != napi_ok) return nullptr;
  }
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
