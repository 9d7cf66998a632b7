// native/napi-util.h
// What every export of the addon shares.
#pragma once

#include <node_api.h>

#include <string>

namespace lakeshift {

// Throws a JavaScript Error with `msg`; returns the null an export then returns.
inline napi_value Throw(napi_env env, const char* msg) {
  napi_throw_error(env, nullptr, msg);
  return nullptr;
}

// A string argument, as UTF-8.
inline bool StringArg(napi_env env, napi_value v, std::string& out) {
  size_t len;
  if (napi_get_value_string_utf8(env, v, nullptr, 0, &len) != napi_ok) return false;
  out.resize(len + 1);
  napi_get_value_string_utf8(env, v, &out[0], len + 1, &len);
  out.resize(len);
  return true;
}

// A typed array argument of the given type: its elements and their number.
inline bool TypedArg(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* count) {
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  return napi_get_typedarray_info(env, v, &type, count, data, &buffer, &offset) == napi_ok && type == want;
}

// Ends an async work's promise: rejected with `error` (or "cancelled" when the work did not run),
// else resolved with what `value` makes.
template <typename MakeValue>
void Settle(napi_env env, napi_deferred deferred, napi_status status, const std::string& error, MakeValue value) {
  if (status != napi_ok || !error.empty()) {
    napi_value msg, err;
    napi_create_string_utf8(env, error.empty() ? "cancelled" : error.c_str(), NAPI_AUTO_LENGTH, &msg);
    napi_create_error(env, nullptr, msg, &err);
    napi_reject_deferred(env, deferred, err);
  } else {
    napi_resolve_deferred(env, deferred, value());
  }
}

}  // namespace lakeshift
