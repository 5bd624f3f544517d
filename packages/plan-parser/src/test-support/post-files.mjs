// Posts files to a Luoshi import route, all at once, from a process of its own, so that the
// client's work (building and sending large bodies, their garbage) is not done on the event loop
// of the server being measured. Usage: node post-files.mjs URL HEADERS_JSON DIR NAME...
// Prints one JSON line: [{ name, status, json }].
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [url, headersJson, dir, ...names] = process.argv.slice(2);
const headers = JSON.parse(headersJson);
const results = await Promise.all(
  names.map(async (name) => {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(join(dir, name))]), name);
    const res = await fetch(url, { method: "POST", headers, body: form });
    return { name, status: res.status, json: await res.json() };
  }),
);
process.stdout.write(`${JSON.stringify(results)}\n`);
