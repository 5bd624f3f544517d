/**
 * Work started before React mounts, so the first page's code and data load alongside
 * the session check instead of after it. A page takes its prefetched promise once.
 */
const pending = new Map<string, { at: number; promise: Promise<unknown> }>();
const FRESH_MS = 15_000;

export function prefetch<T>(key: string, load: () => Promise<T>): void {
  const promise = load();
  promise.catch(() => undefined); // a failed prefetch is retried by the page itself
  pending.set(key, { at: Date.now(), promise });
}

export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const hit = pending.get(key);
  pending.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? (hit.promise as Promise<T>) : undefined;
}
