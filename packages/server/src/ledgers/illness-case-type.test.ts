import { LEDGER_ACTIONS, type LedgerAction, type LedgerState } from "@luoshi/contract";
import { describe, expect, it } from "vitest";
import { ILLNESS_CASE } from "./illness-case-type.js";
import type { ActionContext, Fields, LedgerRecordState } from "./ledger-type.js";
import { createRecord, step } from "./workflow.js";

/**
 * The illness-absence case's workflow alone: which steps each state allows, the guards of 复课
 * (a certificate unless non-infectious, checked by the school doctor who did not ask), and history.
 */

const TEACHER = "teacher-1";
const DOCTOR = "doctor-1";
const ctx = (actorId: string, schoolDoctor = false): ActionContext => ({
  actorId,
  today: "2024-05-10",
  settings: { schoolDoctor },
});

const registration: Fields = {
  studentName: "王小明",
  classId: "class-1",
  onsetOn: "2024-05-06",
  absentFrom: "2024-05-06",
  symptoms: "fever,cough",
};
const fresh = () => createRecord(ILLNESS_CASE, registration).record;
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
};

const resumeInput: Fields = {
  resumeOn: "2024-05-09",
  diagnosis: "influenza",
  certificate: ["file-1"],
  certificateIssuer: "县人民医院",
};
const pending = () => step(ILLNESS_CASE, fresh(), "request_resume", resumeInput, ctx(TEACHER)).record;

describe("illness-absence case workflow", () => {
  it("registers in 因病缺课 with a history entry; bad symptoms or dates are refused", () => {
    const { record, entry } = createRecord(ILLNESS_CASE, registration);
    expect(record.state).toBe("ill_absent");
    expect(entry).toMatchObject({ action: "record", fromState: null, toState: "ill_absent" });
    expect(codeOf(() => createRecord(ILLNESS_CASE, { ...registration, symptoms: "fever,sneezing" }))).toBe(
      "SYMPTOMS_INVALID",
    );
    expect(codeOf(() => createRecord(ILLNESS_CASE, { ...registration, onsetOn: "2024-05-07" }))).toBe(
      "ONSET_AFTER_ABSENCE",
    );
    expect(codeOf(() => createRecord(ILLNESS_CASE, { ...registration, symptoms: null }))).toBe("FIELD_REQUIRED");
  });

  it("follow-ups stay in 因病缺课, count, and need a date and a note", () => {
    const once = step(
      ILLNESS_CASE,
      fresh(),
      "follow_up",
      { followOn: "2024-05-07", followNote: "已就诊，诊断流感", medicalVisit: "outpatient", diagnosis: "influenza" },
      ctx(TEACHER),
    );
    expect(once.record.state).toBe("ill_absent");
    expect(once.record.fields.followCount).toBe(1);
    expect(once.entry.changes.diagnosis).toEqual({ from: null, to: "influenza" });
    const twice = step(
      ILLNESS_CASE,
      once.record,
      "follow_up",
      { followOn: "2024-05-08", followNote: "退热" },
      ctx(TEACHER),
    );
    expect(twice.record.fields.followCount).toBe(2);
    expect(codeOf(() => step(ILLNESS_CASE, fresh(), "follow_up", { followOn: "2024-05-07" }, ctx(TEACHER)))).toBe(
      "FOLLOW_UP_INCOMPLETE",
    );
    expect(
      codeOf(() => step(ILLNESS_CASE, fresh(), "follow_up", { followOn: "2024-05-11", followNote: "x" }, ctx(TEACHER))),
    ).toBe("ILLNESS_DATE_IN_FUTURE");
    expect(
      codeOf(() => step(ILLNESS_CASE, fresh(), "follow_up", { followOn: "2024-05-01", followNote: "x" }, ctx(TEACHER))),
    ).toBe("FOLLOW_UP_BEFORE_ONSET");
  });

  it("复课 needs a certificate unless the diagnosis is non-infectious", () => {
    const noCertificate = { resumeOn: "2024-05-09", diagnosis: "influenza" };
    expect(codeOf(() => step(ILLNESS_CASE, fresh(), "request_resume", noCertificate, ctx(TEACHER)))).toBe(
      "CERTIFICATE_REQUIRED",
    );
    // Undiagnosed counts as possibly infectious.
    expect(codeOf(() => step(ILLNESS_CASE, fresh(), "request_resume", { resumeOn: "2024-05-09" }, ctx(TEACHER)))).toBe(
      "CERTIFICATE_REQUIRED",
    );
    const plain = step(
      ILLNESS_CASE,
      fresh(),
      "request_resume",
      { resumeOn: "2024-05-09", diagnosis: "non_infectious" },
      ctx(TEACHER),
    );
    expect(plain.record.state).toBe("resume_pending");
    expect(plain.record.fields.requestedBy).toBe(TEACHER);
    expect(
      codeOf(() =>
        step(ILLNESS_CASE, fresh(), "request_resume", { ...resumeInput, resumeOn: "2024-05-05" }, ctx(TEACHER)),
      ),
    ).toBe("RESUME_BEFORE_ABSENCE");
  });

  it("only the school doctor, not the requester, checks the certificate; a rejection goes back", () => {
    expect(codeOf(() => step(ILLNESS_CASE, pending(), "verify_resume", {}, ctx("other-teacher")))).toBe(
      "VERIFIER_NOT_SCHOOL_DOCTOR",
    );
    const requestedByDoctor = step(ILLNESS_CASE, fresh(), "request_resume", resumeInput, ctx(DOCTOR, true)).record;
    expect(codeOf(() => step(ILLNESS_CASE, requestedByDoctor, "verify_resume", {}, ctx(DOCTOR, true)))).toBe(
      "VERIFIER_IS_REQUESTER",
    );
    const done = step(ILLNESS_CASE, pending(), "verify_resume", { verifyNote: "证明有效" }, ctx(DOCTOR, true));
    expect(done.record.state).toBe("resumed");
    expect(done.record.fields).toMatchObject({ verifiedBy: DOCTOR, verifiedOn: "2024-05-10" });
    expect(codeOf(() => step(ILLNESS_CASE, pending(), "reject_resume", {}, ctx(DOCTOR, true)))).toBe("NOTE_REQUIRED");
    const back = step(ILLNESS_CASE, pending(), "reject_resume", {}, ctx(DOCTOR, true), "证明非医疗机构出具");
    expect(back.record.state).toBe("ill_absent");
    expect(back.record.fields.certificate).toBeUndefined();
    expect(back.entry.changes.certificate).toEqual({ from: ["file-1"], to: null });
  });

  it("allows exactly the declared transitions from each state", () => {
    const states: Record<LedgerState & ("ill_absent" | "resume_pending" | "resumed"), LedgerRecordState> = {
      ill_absent: fresh(),
      resume_pending: pending(),
      resumed: step(ILLNESS_CASE, pending(), "verify_resume", {}, ctx(DOCTOR, true)).record,
    };
    const allowed: Record<string, LedgerAction[]> = {
      ill_absent: ["follow_up", "request_resume"],
      resume_pending: ["verify_resume", "reject_resume"],
      resumed: [],
    };
    const input: Partial<Record<LedgerAction, Fields>> = {
      follow_up: { followOn: "2024-05-08", followNote: "好转" },
      request_resume: resumeInput,
    };
    for (const [state, record] of Object.entries(states)) {
      for (const action of LEDGER_ACTIONS.filter((a) => a !== "record" && a !== "correct")) {
        const code = codeOf(() => step(ILLNESS_CASE, record, action, input[action] ?? {}, ctx(DOCTOR, true), "说明"));
        if (allowed[state]!.includes(action)) expect(code, `${state} ${action}`).toBe("no error");
        else expect(code, `${state} ${action}`).toBe("TRANSITION_NOT_ALLOWED");
      }
    }
  });
});
