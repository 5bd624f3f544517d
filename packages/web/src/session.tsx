import { roleIn } from "@luoshi/contract/vocabulary";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { setCsrfToken, setUnauthenticatedHandler } from "./api/client";
import { api } from "./api/endpoints";
import type { Me } from "./api/types";

interface Session {
  /** undefined while checking the cookie; null when signed out. */
  user: Me | null | undefined;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

/**
 * The tab remembers who signed in, so a reload draws the page at once while the cookie
 * is checked again; a 401 from that check (or any request) signs the tab out.
 */
const REMEMBER_KEY = "luoshi:session";
type Remembered = { user: Me; csrfToken: string };

function recall(): Remembered | undefined {
  try {
    const raw = sessionStorage.getItem(REMEMBER_KEY);
    return raw ? (JSON.parse(raw) as Remembered) : undefined;
  } catch {
    return undefined;
  }
}

function remember(session: Remembered | null): void {
  try {
    if (session) sessionStorage.setItem(REMEMBER_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(REMEMBER_KEY);
  } catch {
    // storage unavailable (private mode): the cookie check alone decides
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(() => {
    const remembered = recall();
    if (remembered) setCsrfToken(remembered.csrfToken);
    return remembered?.user;
  });
  const accept = useCallback((r: Remembered | null) => {
    remember(r);
    setCsrfToken(r?.csrfToken ?? "");
    // The recheck usually confirms the remembered user: keep the same object, so the
    // signed-in pages do not all render again when it answers.
    setUser((prev) => (r && prev && JSON.stringify(prev) === JSON.stringify(r.user) ? prev : (r?.user ?? null)));
  }, []);
  useEffect(() => {
    setUnauthenticatedHandler(() => accept(null));
    api.session().then(
      (r) => accept(r.user ? { user: r.user, csrfToken: r.csrfToken ?? "" } : null),
      () => accept(null),
    );
  }, [accept]);
  const signIn = useCallback(
    async (username: string, password: string) => {
      const r = await api.login(username, password);
      accept(r);
      return r.user;
    },
    [accept],
  );
  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    accept(null);
  }, [accept]);
  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** Signed-in user; pages behind the login gate may rely on it. */
export function useMe(): Me {
  const { user } = useSession();
  if (!user) throw new Error("useMe without a signed-in user");
  return user;
}

export const canManagePlans = (me: Me) => roleIn("planManagers", me.role);
export const canReport = (me: Me) => roleIn("reporters", me.role);
export const homePath = (me: Me) => (roleIn("unitRoles", me.role) ? "/my-tasks" : "/dashboard");
export const isUnitRole = (me: Me) => roleIn("unitRoles", me.role);
