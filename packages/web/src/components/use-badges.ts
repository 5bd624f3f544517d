import { useEffect, useState } from "react";
import { supervisionApi } from "../pages/Supervision/supervision-api";

const EVENT = "luoshi:badges";

/** Asks every badge on the page to count again (after a reply, a notice read, …). */
export const refreshBadges = () => window.dispatchEvent(new Event(EVENT));

/**
 * Unread notifications and notices waiting for the user's unit: counted on mount, every minute,
 * when the tab becomes visible again and when refreshBadges() is called.
 */
export function useBadges(key = ""): { unread: number; openNotices: number } {
  const [counts, setCounts] = useState({ unread: 0, openNotices: 0 });
  // biome-ignore lint/correctness/useExhaustiveDependencies: key (the page) only triggers a recount
  useEffect(() => {
    let alive = true;
    const load = () =>
      supervisionApi.unread().then(
        (c) => alive && setCounts(c),
        () => undefined,
      );
    void load();
    const timer = window.setInterval(load, 60_000);
    const onVisible = () => document.visibilityState === "visible" && void load();
    window.addEventListener(EVENT, load);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener(EVENT, load);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [key]);
  return counts;
}
