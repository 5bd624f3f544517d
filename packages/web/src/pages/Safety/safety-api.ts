import type { Hazard, HazardConfig, HazardDetail, HazardStep, NewRound, Round } from "@luoshi/contract";
import { get, type Query, request } from "../../api/client";

export type { Hazard, HazardConfig, HazardDetail, HazardStep, NewRound, Round };

/** The hazard ledger's endpoints (packages/server/src/ledgers/hazards.routes.ts). */
export const safetyApi = {
  hazards: (query: Query) => get<{ hazards: Hazard[] }>("/api/ledgers/hazards", query).then((r) => r.hazards),
  hazard: (id: string) => get<{ hazard: HazardDetail }>(`/api/ledgers/hazards/${id}`).then((r) => r.hazard),
  step: (id: string, body: HazardStep) =>
    request<{ hazard: HazardDetail }>("POST", `/api/ledgers/hazards/${id}/steps`, body).then((r) => r.hazard),
  recordRound: (body: NewRound) => request<{ round: Round; hazards: Hazard[] }>("POST", "/api/ledgers/rounds", body),
  config: () => get<HazardConfig>("/api/ledgers/hazard-config"),
};
