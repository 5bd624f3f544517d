import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { Org, TaskDetail } from "../../api/types";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { CADENCES, type Cadence, CHG, OPS, PUB } from "../../labels";
import { orgPicker } from "../PlanImport/BatchAssignModal";
import {
  changeOf,
  changeRequests,
  type IndicatorDraft,
  initialState,
  notifiedUnits,
  type TaskChange,
  type TaskState,
} from "./task-change";

interface Props {
  detail: TaskDetail;
  onClose: () => void;
  onDone: () => void;
}

interface Values {
  lead: string[];
  co: string[];
  dueDate: Dayjs | null;
  cadence: Cadence | "plan";
  indicators: IndicatorDraft[];
}

const toValues = (s: TaskState): Values => ({
  lead: s.lead,
  co: s.co,
  dueDate: s.dueDate ? dayjs(s.dueDate) : null,
  cadence: s.cadence ?? "plan",
  indicators: s.indicators,
});

const toState = (v: Values): TaskState => ({
  lead: v.lead ?? [],
  co: v.co ?? [],
  dueDate: v.dueDate ? v.dueDate.format("YYYY-MM-DD") : null,
  cadence: v.cadence === "plan" ? null : v.cadence,
  indicators: (v.indicators ?? []).map((i) => ({
    ...i,
    value: i.value ?? null,
    min: i.min ?? null,
    max: i.max ?? null,
    unit: i.unit ?? "",
  })),
});

const NO_ORGS: Org[] = [];
const OP_OPTIONS = Object.entries(OPS).map(([value, label]) => ({ value, label }));

function IndicatorRows() {
  return (
    <Form.List name="indicators">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: "100%" }}>
          {fields.map((f) => (
            <Space key={f.key} wrap align="start" data-testid="indicator-row">
              <Form.Item
                name={[f.name, "subject"]}
                rules={[{ required: true, whitespace: true, message: CHG.nameRequired }]}
              >
                <Input aria-label={CHG.indicatorName} placeholder={CHG.indicatorName} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={[f.name, "op"]}>
                <Select aria-label={CHG.indicatorOp} options={OP_OPTIONS} style={{ width: 96 }} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) =>
                  getFieldValue(["indicators", f.name, "op"]) === "range" ? (
                    <Space>
                      <Form.Item name={[f.name, "min"]} rules={[{ required: true, message: CHG.valueRequired }]}>
                        <InputNumber aria-label={CHG.indicatorMin} placeholder={CHG.indicatorMin} />
                      </Form.Item>
                      <Form.Item name={[f.name, "max"]} rules={[{ required: true, message: CHG.valueRequired }]}>
                        <InputNumber aria-label={CHG.indicatorMax} placeholder={CHG.indicatorMax} />
                      </Form.Item>
                    </Space>
                  ) : (
                    <Form.Item name={[f.name, "value"]} rules={[{ required: true, message: CHG.valueRequired }]}>
                      <InputNumber aria-label={CHG.indicatorValue} placeholder={CHG.indicatorValue} />
                    </Form.Item>
                  )
                }
              </Form.Item>
              <Form.Item name={[f.name, "unit"]}>
                <Input aria-label={CHG.indicatorUnit} placeholder={CHG.indicatorUnit} style={{ width: 72 }} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={CHG.removeIndicator} onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ subject: "", op: ">=", value: null, min: null, max: null, unit: "" })}
          >
            {CHG.addIndicator}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

function Confirmation({ change, units }: { change: TaskChange; units: ReturnType<typeof notifiedUnits> }) {
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="change-confirmation">
      <Typography.Text strong>{CHG.confirmTitle}</Typography.Text>
      <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: "nowrap" } }}>
        {change.lines.map((l) => (
          <Descriptions.Item key={l.field} label={l.field}>
            {l.before !== undefined && (
              <>
                <Typography.Text delete type="secondary">
                  {l.before}
                </Typography.Text>{" "}
                {CHG.arrow}{" "}
              </>
            )}
            <Typography.Text strong>{l.after}</Typography.Text>
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text strong>{CHG.notify}</Typography.Text>
      <Space wrap data-testid="change-notified">
        {units.map((u) => (
          <Tag key={u.orgId} color={u.tag === "added" ? "green" : u.tag === "removed" ? "red" : undefined}>
            {u.name}
            {u.tag && `（${CHG[u.tag]}）`}
          </Tag>
        ))}
      </Space>
    </Space>
  );
}

/**
 * Changes a published task's units (lead/co), deadline, cadence and indicators; a confirmation
 * shows each change and the units who will be told before anything is saved.
 */
export function TaskChangeModal({ detail, onClose, onDone }: Props) {
  const { message } = App.useApp();
  const orgList = useAsync(() => api.orgs(), []);
  const orgs = orgList.data ?? NO_ORGS;
  const [form] = Form.useForm<Values>();
  const initial = useMemo(() => initialState(detail), [detail]);
  const tree = useMemo(() => orgTree(orgs), [orgs]);
  const names = useMemo(() => {
    const m = new Map(orgs.map((o) => [o.id, o.name]));
    for (const a of detail.assignees) m.set(a.orgId, a.orgName);
    return m;
  }, [orgs, detail]);
  const name = (id: string) => names.get(id) ?? id;
  const [pending, setPending] = useState<{ state: TaskState; change: TaskChange } | null>(null);
  const [saving, setSaving] = useState(false);

  const review = async () => {
    await form.validateFields();
    // All values, not only the fields on screen: an indicator's id and wording ride along unshown.
    const state = toState(form.getFieldsValue(true));
    const change = changeOf(initial, state, name);
    if (change.lines.length === 0) {
      message.warning(CHG.nothing);
      return;
    }
    setPending({ state, change });
  };
  const save = async () => {
    if (!pending) return;
    const { assign, indicators } = changeRequests(initial, pending.state, detail.task.id, pending.change);
    setSaving(true);
    try {
      if (assign) await api.assignTasks(detail.plan.id, assign);
      if (indicators) await api.editIndicators(detail.plan.id, detail.task.id, indicators);
      message.success(CHG.saved);
      onDone();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={CHG.title(`${detail.task.no} ${detail.task.title}`)}
      onCancel={onClose}
      destroyOnHidden
      footer={
        pending
          ? [
              <Button key="back" onClick={() => setPending(null)}>
                {CHG.back}
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={save}>
                {CHG.confirm}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {CHG.cancel}
              </Button>,
              <Button key="next" type="primary" onClick={review}>
                {CHG.next}
              </Button>,
            ]
      }
    >
      {pending && <Confirmation change={pending.change} units={notifiedUnits(initial, pending.state, name)} />}
      <div style={{ display: pending ? "none" : undefined }}>
        <Typography.Paragraph type="secondary">{CHG.hint}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" initialValues={toValues(initial)}>
          <Form.Item
            label={PUB.leadUnits}
            name="lead"
            rules={[{ required: true, type: "array", min: 1, message: PUB.leadRequired }]}
          >
            {orgPicker(tree, PUB.leadUnits)}
          </Form.Item>
          <Form.Item label={PUB.coUnits} name="co">
            {orgPicker(tree, PUB.coUnits)}
          </Form.Item>
          <Space wrap>
            <Form.Item label={PUB.dueDate} name="dueDate">
              <DatePicker aria-label={PUB.dueDate} />
            </Form.Item>
            <Form.Item label={PUB.cadence} name="cadence">
              <Select
                aria-label={PUB.cadence}
                style={{ width: 140 }}
                options={[
                  { value: "plan", label: PUB.cadenceFollowPlan },
                  ...Object.entries(CADENCES).map(([value, label]) => ({ value, label })),
                ]}
              />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{CHG.indicators}</Typography.Title>
          <IndicatorRows />
        </Form>
      </div>
    </Modal>
  );
}

/** The change dialog for a task known by id (a ledger row): its detail is read first. */
export function TaskChangeLauncher({ taskId, onClose, onDone }: { taskId: string } & Omit<Props, "detail">) {
  const detail = useAsync(() => api.task(taskId), [taskId]);
  return detail.data ? <TaskChangeModal detail={detail.data} onClose={onClose} onDone={onDone} /> : null;
}
