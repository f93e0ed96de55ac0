// Which Node.js this project runs on: package.json's "engines", checked before anything else runs,
// so an old Node gets one plain sentence instead of a crash deep in a dependency (on Node 18,
// `import.meta.dirname` is undefined and Electron's installer dies with ERR_REQUIRE_ESM).

/** package.json's "engines.node", spelled out; node-version.test.ts keeps the two the same. */
export const SUPPORTED_NODE = '^20.19.0 || ^22.13.0 || >=24';

/** True when `version` ("v20.20.2") satisfies SUPPORTED_NODE. */
export function supportedNode(/** @type {string} */ version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 24;
}

/** The sentence an unsupported Node gets, or null. `what` is the command: "npm start", "npm test". */
export function nodeProblem(/** @type {string} */ version, /** @type {string} */ what) {
  if (supportedNode(version)) return null;
  return (
    `${what} needs Node.js 20.19 or newer (${SUPPORTED_NODE}); this is ${version}. ` +
    'Install a newer Node.js (see "Install Node.js" in README.md), then run it again.'
  );
}
