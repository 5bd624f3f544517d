// The load generator's side of bench/lib/http-bench.mjs `measure`: one autocannon run on the spec
// given as JSON ({ url, path | paths, headers, connections, duration }), its result as JSON on stdout.
import autocannon from "autocannon";

const { url, path, paths, headers, connections, duration } = JSON.parse(process.argv[2]);
let i = 0;
const result = await new Promise((res, rej) =>
  autocannon(
    {
      url: new URL(path ?? paths[0], url).toString(),
      connections,
      duration,
      headers,
      ...(paths ? { requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] } : {}),
    },
    (e, r) => (e ? rej(e) : res(r)),
  ),
);
process.stdout.write(JSON.stringify(result));
