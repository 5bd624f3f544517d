import {
  DROPOUT_REASON_LABELS,
  DROPOUT_RISK_LABELS,
  PERSUASION_METHOD_LABELS,
} from "@luoshi/contract/dropout-vocabulary";
import { LEDGER_ACTION_LABELS, LEDGER_STATE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Tag, Timeline } from "antd";
import type { Me } from "../../api/types";
import { EvidenceUpload, uploadedIds } from "../../components/EvidenceUpload";
import { useRecordDrawer } from "../../components/use-record-drawer";
import { CaseCorrection } from "./CaseCorrection";
import { optionsOf } from "./CaseModal";
import { dropoutApi, todayString } from "./dropout-api";
import { D } from "./labels";

/** One case: the student (masked), the 劝返 steps with their evidence, and the step the user may take next. */
export function CaseDrawer({
  id,
  me,
  onClose,
  onChanged,
}: {
  id: string | null;
  me: Me;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { item, setItem, files, setFiles, busy, form, act } = useRecordDrawer(
    id,
    { load: dropoutApi.case, step: dropoutApi.step },
    D.done,
    onChanged,
  );
  const v = () => form.getFieldsValue();
  const evidence = () => {
    const ids = uploadedIds(files);
    return ids.length ? ids : undefined;
  };
  const writer = me.role !== "leader";
  const f = item?.fields ?? {};
  const state = item?.state;

  return (
    <Drawer title={D.detail} open={id !== null} onClose={onClose} width={Math.min(560, window.innerWidth)}>
      {item && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={D.school}>{item.orgName}</Descriptions.Item>
            <Descriptions.Item label={D.state}>
              {LEDGER_STATE_LABELS[item.state]} {item.escalated && <Tag color="red">{D.escalated}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={D.studentName}>{String(f.studentName ?? "")}</Descriptions.Item>
            <Descriptions.Item label={D.studentNo}>{String(f.studentNo ?? "")}</Descriptions.Item>
            <Descriptions.Item label={D.grade}>{String(f.grade ?? "")}</Descriptions.Item>
            <Descriptions.Item label={D.riskLevel}>
              {DROPOUT_RISK_LABELS[f.riskLevel as keyof typeof DROPOUT_RISK_LABELS] ?? ""}
            </Descriptions.Item>
            <Descriptions.Item label={D.reason}>
              {DROPOUT_REASON_LABELS[f.reason as keyof typeof DROPOUT_REASON_LABELS] ?? ""}
            </Descriptions.Item>
            <Descriptions.Item label={D.visitCount}>{item.visitCount}</Descriptions.Item>
          </Descriptions>
          <h4>{D.visits}</h4>
          <Timeline
            items={item.visits.map((visit) => ({
              children: (
                <div data-visit={visit.seq}>
                  {visit.visitOn} ·{" "}
                  {PERSUASION_METHOD_LABELS[visit.method as keyof typeof PERSUASION_METHOD_LABELS] ?? visit.method} ·{" "}
                  {visit.people}：{visit.result}
                  {visit.evidence.map((fileId) => (
                    <a
                      key={fileId}
                      href={`/api/files/${fileId}`}
                      target="_blank"
                      rel="noreferrer"
                      style={{ marginLeft: 8 }}
                    >
                      {D.viewEvidence}
                    </a>
                  ))}
                </div>
              ),
            }))}
          />
          {writer && (
            <Form form={form} layout="vertical" initialValues={{ day: todayString(), visitMethod: "home_visit" }}>
              {state && state !== "returned" && state !== "placed" && (
                <Form.Item
                  name="day"
                  label={state === "at_risk" ? D.droppedOn : state === "persuading" ? D.visitOn : D.visitOn}
                >
                  <Input type="date" />
                </Form.Item>
              )}
              {state === "at_risk" && (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void act({ action: "confirm_dropout", fields: { droppedOn: v().day } })}
                >
                  {D.confirmDropout}
                </Button>
              )}
              {(state === "dropped_out" || state === "persuading") && (
                <>
                  <Form.Item name="visitMethod" label={D.visitMethod}>
                    <Select options={optionsOf(PERSUASION_METHOD_LABELS)} aria-label={D.visitMethod} />
                  </Form.Item>
                  <Form.Item name="visitPeople" label={D.visitPeople}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name="visitResult" label={D.visitResult}>
                    <Input.TextArea maxLength={2000} />
                  </Form.Item>
                  <Form.Item>
                    <EvidenceUpload files={files} onChange={setFiles} label={D.evidence} camera />
                  </Form.Item>
                  <Space wrap>
                    <Button
                      type="primary"
                      loading={busy}
                      onClick={() => {
                        const x = v();
                        const ev = evidence();
                        void act({
                          action: "persuade",
                          fields: {
                            visitOn: x.day,
                            visitMethod: x.visitMethod,
                            visitPeople: x.visitPeople,
                            visitResult: x.visitResult,
                            ...(ev ? { visitEvidence: ev } : {}),
                          },
                        });
                      }}
                    >
                      {D.persuade}
                    </Button>
                    {!item.escalated && (
                      <Button loading={busy} onClick={() => void act({ action: "escalate", fields: {} })}>
                        {D.escalate}
                      </Button>
                    )}
                  </Space>
                </>
              )}
              {state === "persuading" && (
                <fieldset style={{ marginTop: 16 }}>
                  <legend>{D.confirmReturn}</legend>
                  <Form.Item name="returnedOn" label={D.returnedOn} initialValue={todayString()}>
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name="attendanceDays" label={D.attendanceDays}>
                    <InputNumber min={0} max={400} style={{ width: "100%" }} />
                  </Form.Item>
                  <Button
                    loading={busy}
                    onClick={() => {
                      const x = v();
                      void act({
                        action: "confirm_return",
                        fields: { returnedOn: x.returnedOn, attendanceDays: x.attendanceDays ?? 0 },
                      });
                    }}
                  >
                    {D.confirmReturn}
                  </Button>
                </fieldset>
              )}
            </Form>
          )}
          {writer && (
            <CaseCorrection
              key={item.version}
              item={item}
              onCorrected={(c) => {
                setItem(c);
                onChanged();
              }}
            />
          )}
          <h4>{D.history}</h4>
          <Timeline
            items={item.history.map((h) => ({
              children: `${h.at.slice(0, 10)} ${h.actorName ?? ""} ${LEDGER_ACTION_LABELS[h.action]}${h.note ? `：${h.note}` : ""}`,
            }))}
          />
        </Space>
      )}
    </Drawer>
  );
}
