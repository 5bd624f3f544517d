// The load generator's side of bench/lib/http-bench.mjs `measure`: one autocannon run on the spec
// given as JSON on stdin, its result as JSON on stdout. The spec: { url, connections, duration, headers } and
// one of: `path`; `paths` to cycle through; `list` of requests ({ method, path, headers, body }) each
// sent once (then `amount` is the list's length).
import autocannon from "autocannon";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { url, path, paths, list, headers, connections, duration } = JSON.parse(input);
let i = 0;
const cycle = paths ? { requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] } : {};
const once = list
  ? {
      amount: list.length,
      requests: [{ setupRequest: (req) => ({ ...req, ...list[i++ % list.length] }) }],
    }
  : {};
// A list run ends when its last answer arrives, but autocannon reports only at its next sampling
// tick (once a second), so its `duration` is rounded up to whole seconds (1,200 requests done in
// 2.1 s counted as 3 s: 400/s). The time from the first request to the last answer is measured here.
let started;
let last;
const result = await new Promise((res, rej) => {
  started = performance.now();
  const run = autocannon(
    {
      url: new URL(path ?? paths?.[0] ?? list[0].path, url).toString(),
      connections,
      duration,
      headers,
      ...cycle,
      ...once,
    },
    (e, r) => (e ? rej(e) : res(r)),
  );
  run.on("response", () => {
    last = performance.now();
  });
});
if (list && last !== undefined) result.duration = (last - started) / 1000;
process.stdout.write(JSON.stringify(result));
