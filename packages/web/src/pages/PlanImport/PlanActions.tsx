import { App, Button, Form, Input, List, Modal, Popconfirm, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { GapReport, Plan, ReportRules } from "../../api/types";
import { validValues } from "../../components/form-values";
import { L, PUB } from "../../labels";

const SHOWN = 30;

/**
 * Publishing, with an explicit choice when tasks lack a unit or a deadline: the confirmation
 * lists them, and "仍然发布" publishes with them on the 待分配 list.
 */
export function PublishButton({
  plan,
  gaps,
  disabled,
  onPublished,
}: {
  plan: Plan;
  gaps: GapReport;
  disabled: boolean;
  /** With the number of tasks left on the 待分配 list. */
  onPublished: (pending: number) => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const blocking = gaps.tasks.filter((t) => t.gaps.some((g) => g !== "indicator"));
  const publish = async () => {
    setBusy(true);
    try {
      const res = await api.publish(plan.id, blocking.length > 0);
      const pending = res.gaps?.unit ?? 0;
      message.success(pending > 0 ? PUB.publishedWithGaps(pending) : L.published);
      setOpen(false);
      onPublished(pending);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  if (blocking.length === 0)
    return (
      <Popconfirm title={L.publishConfirm} onConfirm={publish} okText={L.publish} cancelText={L.cancel}>
        <Button type="primary" loading={busy} disabled={disabled}>
          {L.publish}
        </Button>
      </Popconfirm>
    );
  return (
    <>
      <Button type="primary" disabled={disabled} onClick={() => setOpen(true)}>
        {L.publish}
      </Button>
      <Modal
        open={open}
        title={PUB.publishWithGapsTitle}
        onCancel={() => setOpen(false)}
        onOk={publish}
        confirmLoading={busy}
        okText={PUB.publishAnyway}
        okButtonProps={{ danger: true }}
        cancelText={PUB.backToAssign}
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Typography.Text>{PUB.publishWithGapsBody(blocking.length)}</Typography.Text>
          <List
            size="small"
            data-testid="publish-gaps"
            style={{ maxHeight: 280, overflow: "auto" }}
            dataSource={blocking.slice(0, SHOWN)}
            renderItem={(t) => (
              <List.Item>
                <Space wrap size={4}>
                  <Typography.Text>
                    {t.no}. {t.title}
                  </Typography.Text>
                  {t.gaps
                    .filter((g) => g !== "indicator")
                    .map((g) => (
                      <Tag key={g} color="red">
                        {PUB.gap[g]}
                      </Tag>
                    ))}
                </Space>
              </List.Item>
            )}
          />
          {blocking.length > SHOWN && <Typography.Text type="secondary">…{blocking.length - SHOWN}</Typography.Text>}
        </Space>
      </Modal>
    </>
  );
}

/** 撤回 (with a reason) and 归档 of a published plan; nothing is deleted. */
export function EndPlanButtons({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Space wrap>
      {plan.status === "published" && <Button onClick={() => setOpen(true)}>{PUB.withdraw}</Button>}
      {(plan.status === "published" || plan.status === "withdrawn") && (
        <Popconfirm
          title={PUB.archiveConfirm}
          okText={PUB.archive}
          cancelText={L.cancel}
          onConfirm={() => act(() => api.archivePlan(plan.id), PUB.archived)}
        >
          <Button>{PUB.archive}</Button>
        </Popconfirm>
      )}
      <Modal
        open={open}
        title={PUB.withdrawTitle}
        okText={PUB.withdraw}
        okButtonProps={{ danger: true }}
        cancelText={L.cancel}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const values = await validValues(form);
          if (values) await act(() => api.withdrawPlan(plan.id, values.reason.trim()), PUB.withdrawn);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{PUB.withdrawHint}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            label={PUB.withdrawReason}
            name="reason"
            rules={[{ required: true, whitespace: true, min: 2, message: PUB.withdrawReasonRequired }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

const DEFAULT_RULES: ReportRules = { narrative: "always", evidence: "never" };

/** What a progress report of this plan must carry. */
export function ReportRulesForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const { message } = App.useApp();
  const rules = { ...DEFAULT_RULES, ...(plan.reportRules ?? {}) };
  const save = async (patch: Partial<ReportRules>) => {
    try {
      await api.updatePlan(plan.id, { reportRules: { ...rules, ...patch } });
      message.success(L.saved);
      onSaved();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Space wrap>
      <Typography.Text>{PUB.rulesTitle}：</Typography.Text>
      <Select
        aria-label={PUB.rulesNarrative}
        value={rules.narrative}
        style={{ width: 170 }}
        onChange={(narrative) => save({ narrative })}
        options={Object.entries(PUB.narrativeRule).map(([value, label]) => ({
          value,
          label: `${PUB.rulesNarrative}${label}`,
        }))}
      />
      <Select
        aria-label={PUB.rulesEvidence}
        value={rules.evidence}
        style={{ width: 190 }}
        onChange={(evidence) => save({ evidence })}
        options={Object.entries(PUB.evidenceRule).map(([value, label]) => ({
          value,
          label: `${PUB.rulesEvidence}${label}`,
        }))}
      />
    </Space>
  );
}
