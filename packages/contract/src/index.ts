export * from "./common.js";
export * from "./vocabulary.js";
