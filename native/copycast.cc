// native/copycast.cc
// COPY's common field forms, parsed in one pass by DuckDB scalar functions written here: plain
// integers ([+-]?digits) and plain decimals ([+-]?digits[.digits]), and CHAR padding. Redshift's
// COPY refuses forms DuckDB's TRY_CAST takes ('1e3', '1_000', '1.5' for an integer), so the SQL
// conversion (src/translate/duckdb/copy.ts) checks every field: for an integer it casts the text,
// prints the value back and compares, which cost ~3x what DuckDB's own CSV reader spends on a typed
// column. These functions take only forms whose value is beyond doubt and give NULL for anything
// else; the SQL conversion runs on those fields alone (coalesce), so what a COPY accepts and the
// values it loads are exactly the SQL path's (tests/unit/lake/copy-casts.test.ts compares them).
// Registered through DuckDB's C API, found in the libduckdb.so @duckdb/node-bindings loaded.

#include <dlfcn.h>
#include <node_api.h>

#include "napi-util.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace copycast {

using lakeshift::Throw;

using Handle = void*;
using ScalarFn = void (*)(Handle info, Handle input, Handle output);

// DuckDB's duckdb_type numbers.
constexpr int32_t kTypeSmallint = 3;
constexpr int32_t kTypeInteger = 4;
constexpr int32_t kTypeBigint = 5;
constexpr int32_t kTypeVarchar = 17;

struct Api {
  Handle (*createFunction)();
  void (*destroyFunction)(Handle*);
  void (*setName)(Handle, const char*);
  void (*addParameter)(Handle, Handle);
  void (*setReturnType)(Handle, Handle);
  void (*setFunction)(Handle, ScalarFn);
  void (*setExtraInfo)(Handle, void*, void (*)(void*));
  int32_t (*registerFunction)(Handle connection, Handle function);
  void* (*getExtraInfo)(Handle);
  Handle (*createType)(int32_t);
  Handle (*createDecimalType)(uint8_t, uint8_t);
  void (*destroyType)(Handle*);
  uint64_t (*chunkSize)(Handle);
  Handle (*chunkVector)(Handle, uint64_t);
  void* (*vectorData)(Handle);
  uint64_t* (*vectorValidity)(Handle);
  void (*validityWritable)(Handle);
  void (*assignString)(Handle, uint64_t, const char*, uint64_t);
};
Api api;
bool linked = false;

template <typename F>
bool Find(void* lib, const char* name, F* out) {
  *out = reinterpret_cast<F>(dlsym(lib, name));
  return *out != nullptr;
}

}  // namespace copycast

// Looks the C API functions up in DuckDB's library (already open); false if one is missing.
bool LinkCopyCasts(void* lib) {
  using namespace copycast;
  linked = Find(lib, "duckdb_create_scalar_function", &api.createFunction) &&
           Find(lib, "duckdb_destroy_scalar_function", &api.destroyFunction) &&
           Find(lib, "duckdb_scalar_function_set_name", &api.setName) &&
           Find(lib, "duckdb_scalar_function_add_parameter", &api.addParameter) &&
           Find(lib, "duckdb_scalar_function_set_return_type", &api.setReturnType) &&
           Find(lib, "duckdb_scalar_function_set_function", &api.setFunction) &&
           Find(lib, "duckdb_scalar_function_set_extra_info", &api.setExtraInfo) &&
           Find(lib, "duckdb_register_scalar_function", &api.registerFunction) &&
           Find(lib, "duckdb_scalar_function_get_extra_info", &api.getExtraInfo) &&
           Find(lib, "duckdb_create_logical_type", &api.createType) &&
           Find(lib, "duckdb_create_decimal_type", &api.createDecimalType) &&
           Find(lib, "duckdb_destroy_logical_type", &api.destroyType) &&
           Find(lib, "duckdb_data_chunk_get_size", &api.chunkSize) &&
           Find(lib, "duckdb_data_chunk_get_vector", &api.chunkVector) &&
           Find(lib, "duckdb_vector_get_data", &api.vectorData) &&
           Find(lib, "duckdb_vector_get_validity", &api.vectorValidity) &&
           Find(lib, "duckdb_vector_ensure_validity_writable", &api.validityWritable) &&
           Find(lib, "duckdb_unsafe_vector_assign_string_element_len", &api.assignString);
  return linked;
}

namespace copycast {

enum Kind : int32_t { kInt16 = 0, kInt32 = 1, kInt64 = 2, kDecimal = 3, kPadChar = 4 };

struct Cast {
  Kind kind;
  int32_t precision;
  int32_t scale;
};

inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') <= 9; }

// [+-]?[0-9]+ with a value in [-negLimit, posLimit]; false for any other text.
bool ParseInt(const char* s, uint32_t n, uint64_t posLimit, uint64_t negLimit, int64_t* out) {
  uint32_t i = 0;
  bool neg = false;
  if (n > 0 && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  if (i == n) return false;
  const uint64_t limit = neg ? negLimit : posLimit;
  uint64_t v = 0;
  for (; i < n; i++) {
    if (!IsDigit(s[i])) return false;
    const uint64_t d = static_cast<uint64_t>(s[i] - '0');
    if (v > (limit - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = neg ? (v == 0 ? 0 : -static_cast<int64_t>(v - 1) - 1) : static_cast<int64_t>(v);
  return true;
}

// [+-]?[0-9]+(\.[0-9]+)? as DECIMAL(precision, scale): fraction digits past the scale are cut
// (as COPY does without ROUNDEC), and at most precision - scale digits may precede the point
// (leading zeros aside). False for any other text.
bool ParseDecimal(const char* s, uint32_t n, int32_t precision, int32_t scale, __int128* out) {
  uint32_t i = 0;
  bool neg = false;
  if (n > 0 && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    i = 1;
  }
  const uint32_t intStart = i;
  __int128 v = 0;
  int32_t significant = 0;
  for (; i < n && IsDigit(s[i]); i++) {
    const int d = s[i] - '0';
    if (significant == 0 && d == 0) continue;
    if (++significant > precision - scale) return false;
    v = v * 10 + d;
  }
  if (i == intStart) return false;
  int32_t fraction = 0;
  if (i < n) {
    if (s[i] != '.') return false;
    const uint32_t fracStart = ++i;
    for (; i < n && IsDigit(s[i]); i++) {
      if (fraction < scale) {
        v = v * 10 + (s[i] - '0');
        fraction++;
      }
    }
    if (i != n || i == fracStart) return false;
  }
  for (; fraction < scale; fraction++) v *= 10;
  *out = neg ? -v : v;
  return true;
}

inline void SetNull(uint64_t* validity, uint64_t r) { validity[r >> 6] &= ~(uint64_t{1} << (r & 63)); }

template <typename T>
inline void Store(void* data, uint64_t r, T v) {
  std::memcpy(static_cast<uint8_t*>(data) + sizeof(T) * r, &v, sizeof(T));
}

void StoreDecimal(void* data, uint64_t r, int32_t precision, __int128 v) {
  if (precision <= 4) {
    Store<int16_t>(data, r, static_cast<int16_t>(v));
  } else if (precision <= 9) {
    Store<int32_t>(data, r, static_cast<int32_t>(v));
  } else if (precision <= 18) {
    Store<int64_t>(data, r, static_cast<int64_t>(v));
  } else {
    const uint64_t lower = static_cast<uint64_t>(v);
    const int64_t upper = static_cast<int64_t>(v >> 64);
    uint8_t* at = static_cast<uint8_t*>(data) + 16 * r;
    std::memcpy(at, &lower, 8);
    std::memcpy(at + 8, &upper, 8);
  }
}

void Run(Handle info, Handle input, Handle output) {
  const Cast& c = *static_cast<const Cast*>(api.getExtraInfo(info));
  const uint64_t count = api.chunkSize(input);
  Handle in = api.chunkVector(input, 0);
  const uint8_t* slots = static_cast<const uint8_t*>(api.vectorData(in));
  const uint64_t* inValid = api.vectorValidity(in);
  api.validityWritable(output);
  uint64_t* outValid = api.vectorValidity(output);
  void* out = api.vectorData(output);
  for (uint64_t w = 0; w < (count + 63) / 64; w++) outValid[w] = ~uint64_t{0};
  const int32_t* widths = nullptr;
  if (c.kind == kPadChar) widths = static_cast<const int32_t*>(api.vectorData(api.chunkVector(input, 1)));
  std::string padded;
  for (uint64_t r = 0; r < count; r++) {
    if (inValid != nullptr && ((inValid[r >> 6] >> (r & 63)) & 1) == 0) {
      SetNull(outValid, r);
      continue;
    }
    const uint8_t* slot = slots + 16 * r;
    uint32_t n;
    std::memcpy(&n, slot, 4);
    const char* s;
    if (n <= 12) {
      s = reinterpret_cast<const char*>(slot + 4);
    } else {
      std::memcpy(&s, slot + 8, sizeof s);
    }
    bool ok = true;
    switch (c.kind) {
      case kInt16:
      case kInt32:
      case kInt64: {
        const int bits = c.kind == kInt16 ? 16 : c.kind == kInt32 ? 32 : 64;
        const uint64_t pos = (uint64_t{1} << (bits - 1)) - 1;
        int64_t v;
        ok = ParseInt(s, n, pos, pos + 1, &v);
        if (ok && c.kind == kInt16) Store<int16_t>(out, r, static_cast<int16_t>(v));
        if (ok && c.kind == kInt32) Store<int32_t>(out, r, static_cast<int32_t>(v));
        if (ok && c.kind == kInt64) Store<int64_t>(out, r, v);
        break;
      }
      case kDecimal: {
        __int128 v;
        ok = ParseDecimal(s, n, c.precision, c.scale, &v);
        if (ok) StoreDecimal(out, r, c.precision, v);
        break;
      }
      case kPadChar: {
        const int64_t width = widths[r];
        ok = width >= 0 && n <= width;
        if (!ok) break;
        if (width <= 12) {
          // An inlined string_t (length, then the bytes, zero-filled): written in place, as
          // DuckDB's own string_t constructor would, with no call per value.
          uint8_t* dst = static_cast<uint8_t*>(out) + 16 * r;
          const uint32_t w = static_cast<uint32_t>(width);
          std::memset(dst, 0, 16);
          std::memcpy(dst, &w, 4);
          std::memcpy(dst + 4, s, n);
          std::memset(dst + 4 + n, ' ', w - n);
        } else if (n == width) {
          api.assignString(output, r, s, n);
        } else {
          padded.assign(s, n);
          padded.append(static_cast<size_t>(width - n), ' ');
          api.assignString(output, r, padded.data(), padded.size());
        }
        break;
      }
    }
    if (!ok) SetNull(outValid, r);
  }
}

void DeleteCast(void* p) { delete static_cast<Cast*>(p); }

}  // namespace copycast

// registerCopyCast(connection: external, name: string, kind: number, precision: number,
//                  scale: number): boolean
// Registers one function on the DuckDB instance behind `connection` (@duckdb/node-bindings'
// connection external, whose data is a struct holding the duckdb_connection): kind 0-2 an
// integer of 2/4/8 bytes (VARCHAR -> SMALLINT/INTEGER/BIGINT), 3 a DECIMAL(precision, scale),
// 4 CHAR padding (VARCHAR, INTEGER width -> VARCHAR). Returns whether DuckDB took it.
napi_value RegisterCopyCast(napi_env env, napi_callback_info info) {
  using namespace copycast;
  if (!linked) return Throw(env, "registerCopyCast: linkDuckDB did not find DuckDB's scalar function API");
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc != 5)
    return Throw(env, "registerCopyCast: expected 5 arguments");
  napi_valuetype t;
  void* holder = nullptr;
  if (napi_typeof(env, argv[0], &t) != napi_ok || t != napi_external ||
      napi_get_value_external(env, argv[0], &holder) != napi_ok || holder == nullptr)
    return Throw(env, "registerCopyCast: connection must be a DuckDB connection");
  Handle connection;
  std::memcpy(&connection, holder, sizeof connection);
  char name[128];
  size_t len;
  int32_t kind, precision, scale;
  if (napi_get_value_string_utf8(env, argv[1], name, sizeof name, &len) != napi_ok ||
      napi_get_value_int32(env, argv[2], &kind) != napi_ok ||
      napi_get_value_int32(env, argv[3], &precision) != napi_ok ||
      napi_get_value_int32(env, argv[4], &scale) != napi_ok)
    return Throw(env, "registerCopyCast: bad arguments");
  if (kind < kInt16 || kind > kPadChar || (kind == kDecimal && (precision < 1 || precision > 38 || scale < 0 ||
                                                                 scale > precision)))
    return Throw(env, "registerCopyCast: bad kind, precision or scale");
  Handle fn = api.createFunction();
  api.setName(fn, name);
  Handle varchar = api.createType(kTypeVarchar);
  Handle integer = api.createType(kTypeInteger);
  Handle result = nullptr;
  api.addParameter(fn, varchar);
  switch (kind) {
    case kInt16:
      result = api.createType(kTypeSmallint);
      break;
    case kInt32:
      result = api.createType(kTypeInteger);
      break;
    case kInt64:
      result = api.createType(kTypeBigint);
      break;
    case kDecimal:
      result = api.createDecimalType(static_cast<uint8_t>(precision), static_cast<uint8_t>(scale));
      break;
    default:
      api.addParameter(fn, integer);
      result = api.createType(kTypeVarchar);
  }
  api.setReturnType(fn, result);
  api.setFunction(fn, Run);
  api.setExtraInfo(fn, new Cast{static_cast<Kind>(kind), precision, scale}, DeleteCast);
  const bool ok = api.registerFunction(connection, fn) == 0;
  api.destroyFunction(&fn);
  api.destroyType(&varchar);
  api.destroyType(&integer);
  api.destroyType(&result);
  napi_value out;
  napi_get_boolean(env, ok, &out);
  return out;
}
