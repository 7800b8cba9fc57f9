/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
    // d3-geo and d3-array 3 are ESM-only; jest loads their UMD builds
    "^d3-(geo|array)$": "<rootDir>/node_modules/d3-$1/dist/d3-$1.js",
  },
  testTimeout: 120000,
};
