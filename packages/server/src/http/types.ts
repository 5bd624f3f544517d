import type { IncomingMessage, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from "fastify";
import type { Actor } from "../auth/actor.js";
import type { BackupService } from "../backup/backup-service.js";
import type { Config } from "../config.js";
import type { Database } from "../db/database.js";
import type { Role } from "../db/schema.js";
import { AppError } from "../errors.js";
import type { FileStore } from "../files/file-store.js";
import type { HeavyWork } from "../work/work-pool.js";

/** Who may call a route: everyone, or signed-in users with one of these roles. */
export type RouteAuth = "public" | readonly Role[];

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** The route also accepts the local admin token of `luoshi backup` (backup/local-admin.ts). */
    localAdmin?: boolean;
  }
  interface FastifyRequest {
    actor?: Actor;
    /** The request carried the local admin token. */
    localAdmin?: boolean;
    csrfToken?: string;
    sessionToken?: string;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppDeps {
  db: Database;
  /** The read replica heavy read views use (db/replica.ts), when DATABASE_REPLICA_URL is set. */
  replica?: Database;
  config: Config;
  files: FileStore;
  /** The server's backups (made on first use when absent) and the token `luoshi backup` presents. */
  backups?: BackupService;
  localAdminToken?: string;
  /** Parsing and heavy exports, on worker threads. */
  work: HeavyWork;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("UNAUTHENTICATED", 401);
  return request.actor;
}
