import { Alert, Card, DatePicker, Form, Input, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { validValues } from "../../components/form-values";
import { S } from "./labels";
import { type NoticeTarget, prefill } from "./notice-prefill";
import { supervisionApi } from "./supervision-api";

interface Row {
  reason: string;
  requirement: string;
  replyDue: Dayjs;
}

/**
 * 签发督办单 for one or many targets (warning rows, or a task's unit): one card per notice, each
 * prefilled from its warning and editable; all are issued together or none.
 */
export function IssueNoticeModal({
  targets,
  onClose,
  onIssued,
}: {
  targets: NoticeTarget[];
  onClose: () => void;
  onIssued?: (count: number) => void;
}) {
  const [form] = Form.useForm<{ rows: Row[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = targets.length > 0;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      rows: targets.map((t) => {
        const p = prefill(t);
        return { reason: p.reason, requirement: p.requirement, replyDue: dayjs(p.replyDue) };
      }),
    });
  }, [open, targets, form]);

  const submit = async () => {
    const values = await validValues(form);
    if (!values) return;
    const { rows } = values;
    setBusy(true);
    setError(null);
    try {
      const { notices } = await supervisionApi.issue(
        rows.map((r, i) => ({
          ...(targets[i]!.hazardId ? { hazardId: targets[i]!.hazardId } : { taskId: targets[i]!.taskId }),
          orgId: targets[i]!.orgId,
          reason: r.reason.trim(),
          requirement: r.requirement.trim(),
          replyDue: r.replyDue.format("YYYY-MM-DD"),
        })),
      );
      onIssued?.(notices.length);
      onClose();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={S.issue.title(targets.length)}
      okText={S.issue.button}
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.List name="rows">
          {(fields) =>
            fields.map((field, i) => {
              const t = targets[i];
              if (!t) return null;
              return (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={
                    <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: "100%" }}>
                      {`${t.taskNo} ${t.taskTitle}`}
                    </Typography.Text>
                  }
                  extra={<Typography.Text type="secondary">{t.orgName}</Typography.Text>}
                >
                  <Form.Item
                    name={[field.name, "reason"]}
                    label={S.issue.reason}
                    rules={[{ required: true, whitespace: true, message: `请填写${S.issue.reason}` }]}
                  >
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "requirement"]}
                    label={S.issue.requirement}
                    rules={[{ required: true, whitespace: true, message: `请填写${S.issue.requirement}` }]}
                  >
                    <Input.TextArea rows={2} maxLength={4000} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "replyDue"]}
                    label={S.issue.replyDue}
                    rules={[{ required: true, message: `请选择${S.issue.replyDue}` }]}
                  >
                    <DatePicker disabledDate={(d) => d.isBefore(dayjs(), "day")} />
                  </Form.Item>
                </Card>
              );
            })
          }
        </Form.List>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
