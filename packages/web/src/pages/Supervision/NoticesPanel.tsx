import { Button, DatePicker, Form, Input, Modal, Space, Table, Tag } from "antd";
import { useState } from "react";
import { canManagePlans, canReport, useMe } from "../../session";
import { S } from "./labels";
import { type Notice, supervisionApi } from "./supervision-api";
import { act, useLoad } from "./use-load";

type Dialog = { kind: "reply" | "close" | "escalate"; notice: Notice } | null;

/** Inbox (units reply) or outbox (supervisors close or escalate); every notice prints as Word. */
export function NoticesPanel({ box }: { box: "inbox" | "outbox" }) {
  const me = useMe();
  const list = useLoad(() => supervisionApi.notices(box), box);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const manager = canManagePlans(me);
  const reporter = canReport(me);

  const submit = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    const id = dialog.notice.id;
    const action =
      dialog.kind === "reply"
        ? () =>
            supervisionApi.reply(
              id,
              v.text,
              String(v.fileIds ?? "")
                .split(/[,，\s]+/)
                .filter(Boolean),
            )
        : dialog.kind === "close"
          ? () => supervisionApi.close(id, v.note ?? "")
          : () => supervisionApi.escalate(id, v.note, v.replyDue.format("YYYY-MM-DD"));
    await act(action, list.reload, S.done);
    setDialog(null);
    form.resetFields();
  };

  return (
    <>
      <Table<Notice>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.notices ?? []}
        columns={[
          { title: S.columns.docNo, dataIndex: "doc_no" },
          { title: S.columns.task, render: (_, n) => `${n.task_no} ${n.task_title}` },
          { title: S.columns.unit, dataIndex: "org_name" },
          { title: S.columns.replyDue, dataIndex: "reply_due" },
          { title: S.columns.status, dataIndex: "status", render: (s: string) => <Tag>{S.noticeStatus[s]}</Tag> },
          {
            title: "",
            render: (_, n) => (
              <Space size={4} wrap>
                <Button size="small" href={supervisionApi.noticeDocxUrl(n.id)}>
                  {S.actions.docx}
                </Button>
                {box === "inbox" && reporter && n.status !== "closed" && (
                  <Button size="small" type="primary" onClick={() => setDialog({ kind: "reply", notice: n })}>
                    {S.actions.reply}
                  </Button>
                )}
                {box === "outbox" && manager && n.status !== "closed" && (
                  <>
                    <Button size="small" onClick={() => setDialog({ kind: "close", notice: n })}>
                      {S.actions.close}
                    </Button>
                    <Button size="small" danger onClick={() => setDialog({ kind: "escalate", notice: n })}>
                      {S.actions.escalate}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={dialog ? `${S.actions[dialog.kind]} ${dialog.notice.doc_no}` : ""}
        okText={S.actions.submit}
        onOk={submit}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === "reply" && (
            <>
              <Form.Item name="text" label={S.form.replyText} rules={[{ required: true }]}>
                <Input.TextArea rows={4} maxLength={10000} />
              </Form.Item>
              <Form.Item name="fileIds" label={S.form.fileIds}>
                <Input />
              </Form.Item>
            </>
          )}
          {dialog && dialog.kind !== "reply" && (
            <Form.Item name="note" label={S.form.note} rules={[{ required: dialog.kind === "escalate" }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {dialog?.kind === "escalate" && (
            <Form.Item name="replyDue" label={S.form.replyDue} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
