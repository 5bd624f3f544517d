export * from "./common.js";
export * from "./personal-data.js";
export * from "./vocabulary.js";
