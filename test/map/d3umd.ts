/**
 * d3-geo and d3-array are ESM-only packages; this jest setup (ts-jest, CommonJS) cannot load their
 * ESM entry points, so the map tests use their bundled UMD builds. Import this file first.
 * (A jest.config.js moduleNameMapper `^d3-(geo|array)$` → `<rootDir>/node_modules/d3-$1/dist/d3-$1.js`
 * would make this unnecessary.)
 */
jest.mock("d3-array", () =>
  jest.requireActual(require("path").resolve(__dirname, "../../node_modules/d3-array/dist/d3-array.js")),
);
jest.mock("d3-geo", () =>
  jest.requireActual(require("path").resolve(__dirname, "../../node_modules/d3-geo/dist/d3-geo.js")),
);
export {};
