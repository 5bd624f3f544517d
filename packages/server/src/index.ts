export { buildApp } from "./app.js";
export { backup, restore } from "./backup/backup.js";
export { type Config, loadConfig } from "./config.js";
export { type Database, openDatabase } from "./db/database.js";
export { migrate } from "./db/migrate.js";
export { isEmpty, seedDemo } from "./demo/seed-demo.js";
export { LABELS } from "./messages.js";
export { importPlan } from "./plans/plans.service.js";
export { openRuntime, type Runtime, startServer } from "./server.js";
