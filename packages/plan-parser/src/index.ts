export * from "./errors.js";
export type * from "./model.js";
export { parseDocument, parsePlan, toSchemaJson } from "./parse.js";
export { detectFormat, readDocument } from "./readers/index.js";
