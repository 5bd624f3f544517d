/**
 * Every `luoshi` command. To add one, write src/commands/<name>.ts exporting a
 * RegisterCommand and add its export line here.
 */

export { registerBackup } from "./backup.js";
export { registerEval } from "./eval.js";
export { registerImport } from "./import.js";
export { registerMigrate } from "./migrate.js";
export { registerParse } from "./parse.js";
export { registerPlacementCommand } from "./placement.js";
export { registerRestore } from "./restore.js";
export { registerSeedDemo } from "./seed-demo.js";
export { registerServe } from "./serve.js";
