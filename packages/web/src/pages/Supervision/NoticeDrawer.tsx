import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  Input,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import type { UploadFile } from "antd/es/upload/interface";
import dayjs from "dayjs";
import { useState } from "react";
import { messageOf } from "../../api/client";
import type { EvidenceFile } from "../../api/types";
import { Attachments } from "../../components/Attachments";
import { EvidenceUpload, uploadedIds } from "../../components/EvidenceUpload";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { canManagePlans, canReport, useMe } from "../../session";
import { S } from "./labels";
import { type NoticeDetail, supervisionApi } from "./supervision-api";

type Action = "reply" | "close" | "escalate";
const statusColor: Record<string, string> = { issued: "gold", replied: "blue", escalated: "red", closed: "green" };

/** One notice: what was asked, the unit's answers with their evidence, the history, and the next step. */
export function NoticeDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useAsync(() => (id ? supervisionApi.notice(id).then((r) => r.notice) : Promise.resolve(null)), [id]);
  const n = detail.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={n ? `${S.notice.detail} ${n.docNo}` : S.notice.detail}
      width="min(720px, 100vw)"
      destroyOnHidden
    >
      {detail.error ? (
        <Alert type="error" showIcon title={messageOf(detail.error)} />
      ) : n ? (
        <NoticeBody
          n={n}
          onChanged={() => {
            detail.reload();
            onChanged();
          }}
        />
      ) : (
        <Empty description={S.empty} />
      )}
    </Drawer>
  );
}

function NoticeBody({ n, onChanged }: { n: NoticeDetail; onChanged: () => void }) {
  const me = useMe();
  const manager = canManagePlans(me);
  const unit = canReport(me) && (n.orgId === me.orgId || me.role === "admin");
  const open = n.status !== "closed";
  const [action, setAction] = useState<Action | null>(null);
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Space wrap>
        <Tag color={statusColor[n.status]}>{S.noticeStatus[n.status]}</Tag>
        {n.level > 1 && <Tag color="red">{S.notice.levelText(n.level)}</Tag>}
        <Button size="small" href={supervisionApi.noticeDocxUrl(n.id)}>
          {S.actions.docx}
        </Button>
      </Space>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={S.columns.task}>{`${n.taskNo} ${n.taskTitle}`}</Descriptions.Item>
        <Descriptions.Item label={S.issue.unit}>{n.orgName}</Descriptions.Item>
        <Descriptions.Item label={S.notice.reason}>{n.reason}</Descriptions.Item>
        <Descriptions.Item label={S.notice.requirement}>{n.requirement}</Descriptions.Item>
        <Descriptions.Item label={S.notice.replyDue}>{n.replyDue}</Descriptions.Item>
        <Descriptions.Item label={S.notice.level}>{S.notice.levelText(n.level)}</Descriptions.Item>
        <Descriptions.Item label={S.notice.issuer}>{`${n.issuerName} · ${formatTime(n.issuedAt)}`}</Descriptions.Item>
        {n.escalationNote && <Descriptions.Item label={S.notice.escalationNote}>{n.escalationNote}</Descriptions.Item>}
        {n.closeNote && <Descriptions.Item label={S.notice.closeNote}>{n.closeNote}</Descriptions.Item>}
      </Descriptions>

      <Divider titlePlacement="left" style={{ margin: "4px 0" }}>
        {S.notice.replies}
      </Divider>
      {n.replies.length === 0 ? (
        <Typography.Text type="secondary">{S.notice.noReplies}</Typography.Text>
      ) : (
        n.replies.map((r) => (
          <div key={r.id} className="notice-reply" style={{ borderLeft: "3px solid #1677ff", paddingLeft: 8 }}>
            <Typography.Text type="secondary">{`${r.repliedByName} · ${formatTime(r.repliedAt)}`}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>{r.text}</Typography.Paragraph>
            <Attachments files={r.files} />
          </div>
        ))
      )}

      {open && (unit || manager) && (
        <Space wrap>
          {unit && (
            <Button type="primary" onClick={() => setAction("reply")}>
              {S.actions.reply}
            </Button>
          )}
          {manager && (
            <>
              <Button type="primary" onClick={() => setAction("close")}>
                {S.actions.close}
              </Button>
              <Button danger onClick={() => setAction("escalate")}>
                {S.actions.escalate}
              </Button>
            </>
          )}
        </Space>
      )}
      {action && (
        <ActionForm
          key={action}
          action={action}
          n={n}
          onDone={() => {
            setAction(null);
            onChanged();
          }}
          onCancel={() => setAction(null)}
        />
      )}

      <Divider titlePlacement="left" style={{ margin: "4px 0" }}>
        {S.notice.history}
      </Divider>
      <Timeline
        items={n.history.map((h) => ({
          color: h.action === "escalate" ? "red" : h.action === "close" ? "green" : "blue",
          content: (
            <Space orientation="vertical" size={0}>
              <Typography.Text>
                <Typography.Text strong>{S.notice.actions[h.action] ?? h.action}</Typography.Text>
                {` · ${h.actorName} · ${formatTime(h.at)}`}
              </Typography.Text>
              {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
            </Space>
          ),
        }))}
      />
    </Space>
  );
}

/** Reply (text and uploaded evidence), 办结 (a note) or 升级督办 (a note and a new reply date). */
function ActionForm({
  action,
  n,
  onDone,
  onCancel,
}: {
  action: Action;
  n: NoticeDetail;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile<EvidenceFile>[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { text?: string; note?: string; replyDue?: dayjs.Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      if (action === "reply") await supervisionApi.reply(n.id, (v.text ?? "").trim(), uploadedIds(files));
      else if (action === "close") await supervisionApi.close(n.id, (v.note ?? "").trim());
      else await supervisionApi.escalate(n.id, (v.note ?? "").trim(), v.replyDue!.format("YYYY-MM-DD"));
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const uploading = files.some((f) => f.status === "uploading");
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ background: "#fafafa", padding: 12 }}>
      {action === "reply" ? (
        <>
          <Form.Item
            name="text"
            label={S.form.replyText}
            rules={[{ required: true, whitespace: true, message: `请填写${S.form.replyText}` }]}
          >
            <Input.TextArea rows={4} maxLength={10000} />
          </Form.Item>
          <Form.Item label={S.form.evidence} extra={S.form.evidenceHint}>
            <EvidenceUpload files={files} onChange={setFiles} label={S.form.upload} />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="note"
          label={action === "close" ? S.notice.closeNote : S.notice.escalationNote}
          rules={action === "escalate" ? [{ required: true, whitespace: true, message: "请填写升级说明" }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {action === "escalate" && (
        <Form.Item
          name="replyDue"
          label={S.form.replyDue}
          initialValue={dayjs().add(3, "day")}
          rules={[{ required: true, message: `请选择${S.form.replyDue}` }]}
        >
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} disabled={uploading}>
          {action === "reply" ? S.actions.submit : S.actions[action]}
        </Button>
        <Button onClick={onCancel}>{S.actions.cancel}</Button>
      </Space>
    </Form>
  );
}
