import { camel } from "../http/camel.js";

/** A report of a task's history as the wire carries it (camelCase; evidence already is). */
export const presentReport = <T extends object>(report: T) => camel(report);
