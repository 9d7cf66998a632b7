// tests/helpers/native-addon.ts
//! Tests of what the native addon (native/) does. Under CI the addon must have built: a test says
//! so and fails otherwise, and the feature's tests run (and fail) too. Elsewhere a machine without
//! it declares one todo test naming why, in place of the feature's tests (as describeOnS3Servers
//! does for a missing S3 server).

import assert from "node:assert/strict";
import { test } from "node:test";
import { nativeEncoderStatus } from "../../src/engine/index.js";

export const onCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

/** Declares `feature`'s tests (`define`) when the addon loaded or under CI; otherwise one todo test. */
export function withNativeAddon(feature: string, define: () => void): void {
  const status = nativeEncoderStatus();
  if (!status.loaded && !onCi) {
    const why = `the native addon is not built (${status.reason}); npm run build:native`;
    test(`${feature}: NOT RUN because ${why}`, { todo: why }, () => {
      throw new Error(why);
    });
    return;
  }
  test(`${feature}: the native addon built and loaded (required under CI)`, () => {
    assert.ok(status.loaded, `native addon not loaded: ${status.reason}`);
  });
  define();
}
