import type {
  Ceremony,
  CeremonyFileKind,
  CeremonySummary,
  DrawInput,
  PlacementFileKind as FileKind,
  PlacementDetail,
  PlacementIssue,
  PlacementSummary,
  StudentLine,
  StudentList,
  VerifyAnswer,
} from "@luoshi/contract";
import { ApiError, CSRF_HEADER, get, request } from "../../api/client";
import { api } from "../../api/endpoints";
import { L } from "../../labels";

export type {
  Ceremony,
  CeremonyFileKind,
  CeremonyStatus,
  CeremonySummary,
  ClassStats,
  DrawInput,
  PlacementDetail,
  PlacementFileKind as FileKind,
  PlacementIssue,
  PlacementSummary,
  StudentLine,
  VerifyAnswer,
  Witness,
} from "@luoshi/contract";

/** Multipart with several named files and upload progress (the shared upload sends one file). */
async function postForm<T>(
  url: string,
  files: Record<string, File | undefined>,
  fields: Record<string, string>,
  onProgress?: (percent: number) => void,
): Promise<T> {
  // The shared client keeps the CSRF token private; the session answer carries it too.
  const { csrfToken } = await api.me();
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, f] of Object.entries(files)) if (f) form.append(k, f, f.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", L.networkError));
    xhr.onload = () => {
      let body: { error?: { code: string; message: string; details?: unknown } } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else
        reject(
          new ApiError(
            xhr.status,
            body?.error?.code ?? `HTTP_${xhr.status}`,
            body?.error?.message ?? L.unknownError,
            body?.error?.details,
          ),
        );
    };
    xhr.send(form);
  });
}

export interface CreateInput {
  name: string;
  classCount: number;
  capacities: string;
  drawPlan: string;
  schoolId?: string;
  roster: File;
  teachers?: File;
}

export const placementApi = {
  list: () => get<{ placements: PlacementSummary[] }>("/api/placements").then((r) => r.placements),
  get: (id: string) => get<{ placement: PlacementDetail }>(`/api/placements/${id}`).then((r) => r.placement),
  /** Step 1: commit the roster and parameters. */
  commit: (input: CreateInput, onProgress?: (percent: number) => void) =>
    postForm<{ commitment: Ceremony }>(
      "/api/placements/commitments",
      { roster: input.roster, teachers: input.teachers },
      {
        name: input.name,
        classCount: String(input.classCount),
        capacities: input.capacities,
        drawPlan: input.drawPlan,
        ...(input.schoolId ? { schoolId: input.schoolId } : {}),
      },
      onProgress,
    ).then((r) => r.commitment),
  /** 补录: a second round's commitment against a finished one. */
  commitSupplement: (baseCommitmentId: string, name: string, roster: File) =>
    postForm<{ commitment: Ceremony }>("/api/placements/commitments", { roster }, { name, baseCommitmentId }).then(
      (r) => r.commitment,
    ),
  ceremonies: () => get<{ commitments: CeremonySummary[] }>("/api/placements/commitments").then((r) => r.commitments),
  ceremony: (id: string) =>
    get<{ commitment: Ceremony }>(`/api/placements/commitments/${id}`).then((r) => r.commitment),
  /** Step 2: the public numbers with the witnesses, once. */
  draw: (id: string, body: DrawInput) =>
    request<{ commitment: Ceremony }>("POST", `/api/placements/commitments/${id}/draw`, body).then((r) => r.commitment),
  /** Step 3: the placement from the committed inputs and the draw. */
  run: (id: string) =>
    request<{ placement: PlacementDetail }>("POST", `/api/placements/commitments/${id}/run`, {}).then(
      (r) => r.placement,
    ),
  ceremonyFileUrl: (id: string, kind: CeremonyFileKind) => `/api/placements/commitments/${id}/files/${kind}`,
  verify: (id: string, files: { roster?: File; result?: File }) =>
    postForm<VerifyAnswer>(`/api/placements/${id}/verify`, files, {}),
  students: (id: string) => get<StudentList>(`/api/placements/${id}/students`),
  /** 显示完整信息 for one student; the server audits it. */
  reveal: (id: string, at: { classNo: number; seat: number }) =>
    request<{ student: StudentLine }>("POST", `/api/placements/${id}/students/reveal`, at).then((r) => r.student),
  fileUrl: (id: string, kind: FileKind) => `/api/placements/${id}/files/${kind}`,
};

/** The per-row problems of a refused roster, when the error carries them. */
export function issuesOf(error: unknown): PlacementIssue[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { issues?: PlacementIssue[] } | undefined;
  return Array.isArray(details?.issues) ? details.issues : [];
}
