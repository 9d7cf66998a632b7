// native/napi-util.h
// What every export of the addon shares.
#pragma once

#include <node_api.h>

namespace lakeshift {

// Throws a JavaScript Error with `msg`; returns the null an export then returns.
inline napi_value Throw(napi_env env, const char* msg) {
  napi_throw_error(env, nullptr, msg);
  return nullptr;
}

}  // namespace lakeshift
