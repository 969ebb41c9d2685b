/**
 * This package's version, sent in the default `user-agent`.
 *
 * A constant rather than a runtime read of `package.json`: a JSON import differs between the
 * ESM and CJS builds and would put the manifest in the bundle. A test checks that it matches
 * `package.json`, so a release that bumps one and not the other fails.
 */
export const SDK_VERSION = '0.1.0';
