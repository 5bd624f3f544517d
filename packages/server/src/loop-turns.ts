/**
 * Long synchronous work split into slices, so that the event loop keeps answering.
 *
 * PGlite runs each statement synchronously in WebAssembly and resolves its promise at once, so a
 * transaction of many statements (a 6,000-task import) awaited only resolved promises and held the
 * loop from its first statement to its last: /api/health waited for all of it. Reading an upload's
 * chunks that are already buffered does the same. Callers of `takeTurnIfLong` between steps give
 * the loop a turn (timers, sockets) once the current macrotask has run for SLICE_MS.
 */
const SLICE_MS = 8;

/** When the running slice began; undefined once the loop has turned since. */
let sliceStart: number | undefined;

export async function takeTurnIfLong(): Promise<void> {
  const now = performance.now();
  if (sliceStart === undefined) {
    sliceStart = now;
    // Runs on the loop's next turn: whatever runs after it starts a slice of its own.
    setImmediate(() => {
      sliceStart = undefined;
    });
    return;
  }
  if (now - sliceStart < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
}
