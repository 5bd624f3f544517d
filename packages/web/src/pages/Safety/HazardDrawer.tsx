import {
  HAZARD_CATEGORY_LABELS,
  HAZARD_GRADE_LABELS,
  LEDGER_ACTION_LABELS,
  LEDGER_STATE_LABELS,
} from "@luoshi/contract/ledger-vocabulary";
import { Button, DatePicker, Descriptions, Drawer, Form, Image, Input, Space, Timeline } from "antd";
import type dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/endpoints";
import type { Me } from "../../api/types";
import { uploadedIds } from "../../components/EvidenceUpload";
import { useRecordDrawer } from "../../components/use-record-drawer";
import { isUnitRole } from "../../session";
import { S } from "../Supervision/labels";
import { type Notice, supervisionApi } from "../Supervision/supervision-api";
import { T } from "./labels";
import { PhotoInput } from "./PhotoInput";
import { safetyApi } from "./safety-api";

const ASSIGNERS = ["admin", "supervisor", "dept_head"];
const PLAN_FIELDS = ["planResponsible", "planMeasures", "planFunds", "planContingency"] as const;

/** A hazard's photos as thumbnails, each opening large (served inline under the record's access rules). */
function Photos({ ids, kind }: { ids: readonly string[]; kind: string }) {
  return (
    <Image.PreviewGroup>
      <Space wrap size={4}>
        {ids.map((fid) => (
          <Image
            key={fid}
            src={api.filePreviewUrl(fid)}
            width={88}
            height={88}
            data-photo={kind}
            alt={T[kind as "afterPhotos"]}
            style={{ objectFit: "cover" }}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** The 督办单 issued about the hazard (the caller's own unit's only, for a unit), when there are any. */
function HazardNotices({ id, box }: { id: string; box: "inbox" | "outbox" }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    supervisionApi.hazardNotices(id).then(
      (r) => setNotices(r.notices),
      () => setNotices([]),
    );
  }, [id]);
  if (notices.length === 0) return null;
  return (
    <Descriptions column={1} size="small" bordered title={T.notices}>
      {notices.map((n) => (
        <Descriptions.Item key={n.id} label={n.docNo}>
          <Link to={`/supervision?tab=${box}&notice=${n.id}`}>
            {`${S.noticeStatus[n.status]} · ${S.notice.replyDue} ${n.replyDue}`}
          </Link>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** One hazard: its fields, its history, and the step the user may take next. */
export function HazardDrawer({
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
  const {
    item: hazard,
    files: photos,
    setFiles: setPhotos,
    busy,
    form,
    act,
  } = useRecordDrawer(id, { load: safetyApi.hazard, step: safetyApi.step }, T.done, onChanged);

  const writer = me.role !== "leader";
  const f = hazard?.fields;
  const note = () => (form.getFieldValue("note") as string | undefined) || undefined;
  const assign = () => {
    const v = form.getFieldsValue();
    const plan = Object.fromEntries(PLAN_FIELDS.flatMap((k) => (v[k] ? [[k, v[k]]] : [])));
    const deadline = v.deadline ? (v.deadline as dayjs.Dayjs).format("YYYY-MM-DD") : undefined;
    const planDeadline = v.planDeadline ? (v.planDeadline as dayjs.Dayjs).format("YYYY-MM-DD") : undefined;
    void act({
      action: "assign",
      fields: { ...plan, ...(deadline ? { deadline } : {}), ...(planDeadline ? { planDeadline } : {}) },
      note: note(),
    });
  };

  return (
    <Drawer title={T.detail} open={id !== null} onClose={onClose} width={Math.min(560, window.innerWidth)}>
      {hazard && f && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={T.school}>{hazard.orgName}</Descriptions.Item>
            <Descriptions.Item label={T.state}>
              {LEDGER_STATE_LABELS[hazard.state]}
              {hazard.overdue ? `（${T.overdue}）` : ""}
            </Descriptions.Item>
            <Descriptions.Item label={T.category}>
              {f.category ? HAZARD_CATEGORY_LABELS[f.category] : ""}
            </Descriptions.Item>
            <Descriptions.Item label={T.grade}>{f.grade ? HAZARD_GRADE_LABELS[f.grade] : ""}</Descriptions.Item>
            <Descriptions.Item label={T.location}>{f.location}</Descriptions.Item>
            <Descriptions.Item label={T.description}>{f.description}</Descriptions.Item>
            <Descriptions.Item label={T.foundOn}>{f.foundOn}</Descriptions.Item>
            <Descriptions.Item label={T.deadline}>{f.deadline ?? "—"}</Descriptions.Item>
            {(["beforePhotos", "afterPhotos"] as const).map((k) =>
              f[k]?.length ? (
                <Descriptions.Item key={k} label={T[k]}>
                  <Photos ids={f[k]} kind={k} />
                </Descriptions.Item>
              ) : null,
            )}
          </Descriptions>
          <HazardNotices key={hazard.version} id={hazard.id} box={isUnitRole(me) ? "inbox" : "outbox"} />
          <Form form={form} layout="vertical">
            {hazard.state === "found" && ASSIGNERS.includes(me.role) && (
              <>
                <Form.Item name="deadline" label={T.deadline}>
                  <DatePicker style={{ width: "100%" }} />
                </Form.Item>
                {f.grade === "major" && (
                  <fieldset>
                    <legend>{T.plan}</legend>
                    {PLAN_FIELDS.map((k) => (
                      <Form.Item key={k} name={k} label={T[k]}>
                        <Input />
                      </Form.Item>
                    ))}
                    <Form.Item name="planDeadline" label={T.planDeadline}>
                      <DatePicker style={{ width: "100%" }} />
                    </Form.Item>
                  </fieldset>
                )}
                <Button type="primary" loading={busy} onClick={assign}>
                  {T.assign}
                </Button>
              </>
            )}
            {hazard.state === "rectifying" && writer && (
              <>
                <Form.Item label={T.afterPhotos}>
                  <PhotoInput files={photos} onChange={setPhotos} label={T.afterPhotos} />
                </Form.Item>
                <Form.Item name="note" label={T.note}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() =>
                    act({ action: "submit_fix", fields: { afterPhotos: uploadedIds(photos) }, note: note() })
                  }
                >
                  {T.submitFix}
                </Button>
              </>
            )}
            {hazard.state === "reviewing" && writer && (
              <>
                <Form.Item name="note" label={T.note}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Space wrap>
                  <Button
                    type="primary"
                    loading={busy}
                    onClick={() => act({ action: "pass_review", fields: {}, note: note() })}
                  >
                    {T.passReview}
                  </Button>
                  <Button
                    danger
                    loading={busy}
                    onClick={() => act({ action: "fail_review", fields: {}, note: note() })}
                  >
                    {T.failReview}
                  </Button>
                </Space>
              </>
            )}
          </Form>
          <h4>{T.history}</h4>
          <Timeline
            items={hazard.history.map((h) => ({
              children: `${h.at.slice(0, 10)} ${h.actorName ?? ""} ${LEDGER_ACTION_LABELS[h.action]}${h.note ? `：${h.note}` : ""}`,
            }))}
          />
        </Space>
      )}
    </Drawer>
  );
}
