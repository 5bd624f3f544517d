/**
 * Every `luoshi` command. To add one, write src/commands/<name>.ts exporting a
 * RegisterCommand and add its export line here.
 */
export { registerEval } from "./eval.js";
export { registerParse } from "./parse.js";
export { registerPlacementCommand } from "./placement.js";
