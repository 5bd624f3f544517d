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

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    setUnauthenticatedHandler(() => setUser(null));
    api.me().then(
      (r) => {
        setCsrfToken(r.csrfToken);
        setUser(r.user);
      },
      () => setUser(null),
    );
  }, []);
  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api.login(username, password);
    setCsrfToken(r.csrfToken);
    setUser(r.user);
    return r.user;
  }, []);
  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setCsrfToken("");
    setUser(null);
  }, []);
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

export const canManagePlans = (me: Me) => me.role === "admin" || me.role === "supervisor";
export const canReport = (me: Me) => me.role === "admin" || me.role === "dept_head" || me.role === "school_reporter";
export const homePath = (me: Me) =>
  me.role === "dept_head" || me.role === "school_reporter" ? "/my-tasks" : "/dashboard";
