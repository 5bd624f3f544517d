// Dev helper: parse a text file with the source parser and print schema JSON.
import { readFileSync } from "node:fs";
import { parsePlan, toSchemaJson } from "../packages/plan-parser/src/index.js";

const text = readFileSync(process.argv[2]!, "utf8");
const doc = parsePlan(text);
process.stdout.write(JSON.stringify(toSchemaJson(doc), null, 1));
