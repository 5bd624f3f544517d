import { message } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "../../api/client";

/**
 * Loads on mount, whenever `key` changes and on reload(); errors are shown as messages. The last
 * call wins: an answer to an older call (filters changed meanwhile) is dropped, never shown.
 */
export function useLoad<T>(load: () => Promise<T>, key = "") {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(load);
  latest.current = load;
  const calls = useRef(0);
  const reload = useCallback(() => {
    const call = ++calls.current;
    const current = () => call === calls.current;
    setLoading(true);
    latest
      .current()
      .then((d) => current() && setData(d))
      .catch((e) => current() && message.error(messageOf(e)))
      .finally(() => current() && setLoading(false));
  }, []);
  useEffect(() => {
    if (key !== undefined) reload();
  }, [reload, key]);
  return { data, loading, reload };
}

/** Runs an action, reports success or the server's message, then reloads. */
export async function act(action: () => Promise<unknown>, after: () => void, ok: string) {
  try {
    await action();
    message.success(ok);
    after();
  } catch (e) {
    message.error(messageOf(e));
  }
}
