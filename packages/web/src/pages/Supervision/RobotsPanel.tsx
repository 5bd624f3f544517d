import {
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import { validValues } from "../../components/form-values";
import { formatTime } from "../../components/format";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { useMe } from "../../session";
import { S } from "./labels";
import { type Delivery, type Endpoint, type RobotEvent, supervisionApi } from "./supervision-api";

const R = S.robots;
const EVENTS: RobotEvent[] = ["new_notice", "overdue", "missing_report", "due_soon"];

interface Values {
  orgId: string;
  kind: "dingtalk" | "wecom";
  name: string;
  url: string;
  secret?: string;
  events: RobotEvent[];
  enabled: boolean;
}

/** 消息推送: each organisation's 钉钉/企业微信 group robots, a test message, and the delivery log. */
export function RobotsPanel() {
  const me = useMe();
  const { message } = App.useApp();
  const endpoints = useAsync(() => supervisionApi.endpoints().then((r) => r.endpoints), []);
  const deliveries = useAsync(() => supervisionApi.deliveries().then((r) => r.deliveries), []);
  const orgs = useAsync(() => api.orgs(), []);
  const orgName = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
  const [editing, setEditing] = useState<Endpoint | "new" | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const reload = () => {
    endpoints.reload();
    deliveries.reload();
  };

  const test = async (e: Endpoint) => {
    setTesting(e.id);
    try {
      const { delivery } = await supervisionApi.testEndpoint(e.id);
      if (delivery.status === "delivered") message.success(R.testOk);
      else message.error(R.testFailed(delivery.lastError ?? ""));
    } catch (err) {
      message.error(messageOf(err));
    } finally {
      setTesting(null);
      deliveries.reload();
    }
  };
  const remove = async (e: Endpoint) => {
    try {
      await supervisionApi.removeEndpoint(e.id);
      message.success(S.done);
      reload();
    } catch (err) {
      message.error(messageOf(err));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap>
        <Button type="primary" onClick={() => setEditing("new")}>
          {R.add}
        </Button>
        {(endpoints.data ?? []).length === 0 && !endpoints.loading && (
          <Typography.Text type="secondary">{R.none}</Typography.Text>
        )}
      </Space>
      <Table<Endpoint>
        rowKey="id"
        size="small"
        loading={endpoints.loading}
        dataSource={endpoints.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: R.org, render: (_, e) => orgName.get(e.orgId) ?? "—" },
          { title: R.name, dataIndex: "name" },
          { title: R.kind, render: (_, e) => R.kinds[e.kind] },
          { title: R.events, render: (_, e) => e.events.map((ev) => <Tag key={ev}>{R.eventLabels[ev]}</Tag>) },
          { title: R.enabled, render: (_, e) => (e.enabled ? <Tag color="green">{R.enabled}</Tag> : <Tag>停用</Tag>) },
          {
            title: "",
            render: (_, e) => (
              <Space size={4} wrap>
                <Button size="small" loading={testing === e.id} onClick={() => test(e)}>
                  {R.test}
                </Button>
                <Button size="small" onClick={() => setEditing(e)}>
                  {R.edit}
                </Button>
                <Popconfirm title={R.removeConfirm} onConfirm={() => remove(e)}>
                  <Button size="small" danger>
                    {R.remove}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {R.deliveries}
      </Typography.Title>
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={deliveries.loading}
        dataSource={deliveries.data ?? []}
        scroll={{ x: true }}
        columns={[
          { title: R.at, render: (_, d) => formatTime(d.createdAt) },
          { title: R.name, render: (_, d) => `${d.orgName} · ${d.endpointName}` },
          {
            title: R.event,
            render: (_, d) => (d.event === "test" ? R.test_event : (R.eventLabels[d.event] ?? d.event)),
          },
          {
            title: S.columns.status,
            render: (_, d) =>
              d.gaveUp ? (
                <Tag>{R.gaveUp}</Tag>
              ) : (
                <Tag color={d.status === "delivered" ? "green" : d.status === "failed" ? "red" : "blue"}>
                  {R.deliveryStatus[d.status]}
                </Tag>
              ),
          },
          { title: R.attempts, dataIndex: "attempts" },
          {
            title: R.lastError,
            render: (_, d) =>
              [
                d.lastHttpStatus && `HTTP ${d.lastHttpStatus}`,
                d.lastErrcode !== null && `errcode ${d.lastErrcode}`,
                d.lastError,
              ]
                .filter(Boolean)
                .join(" · ") || "—",
          },
        ]}
      />
      <EndpointForm
        editing={editing}
        defaultOrgId={me.orgId}
        orgs={orgTree(orgs.data ?? [])}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(S.done);
          reload();
        }}
      />
    </Space>
  );
}

function EndpointForm({
  editing,
  defaultOrgId,
  orgs,
  onClose,
  onSaved,
}: {
  editing: Endpoint | "new" | null;
  defaultOrgId: string;
  orgs: ReturnType<typeof orgTree>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const existing = editing && editing !== "new" ? editing : null;
  const kind = Form.useWatch("kind", form);
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const secret = v.kind === "dingtalk" && v.secret?.trim() ? v.secret.trim() : undefined;
      const body = { name: v.name.trim(), url: v.url.trim(), events: v.events, enabled: v.enabled };
      if (existing) await supervisionApi.updateEndpoint(existing.id, { ...body, ...(secret ? { secret } : {}) });
      else
        await supervisionApi.createEndpoint({ ...body, orgId: v.orgId, kind: v.kind, ...(secret ? { secret } : {}) });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={editing !== null}
      title={existing ? `${R.edit} ${existing.name}` : R.add}
      onOk={save}
      okText={S.actions.submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(open) => open && setError(null)}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          existing
            ? { ...existing, secret: "" }
            : {
                orgId: defaultOrgId,
                kind: "dingtalk",
                events: ["new_notice", "overdue", "missing_report"],
                enabled: true,
              }
        }
      >
        <Form.Item name="orgId" label={R.org} rules={[{ required: true }]}>
          <TreeSelect
            treeData={orgs}
            disabled={!!existing}
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
          />
        </Form.Item>
        <Form.Item name="kind" label={R.kind} rules={[{ required: true }]}>
          <Select disabled={!!existing} options={Object.entries(R.kinds).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="name" label={R.name} rules={[{ required: true, whitespace: true, message: "请填写名称" }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="url"
          label={R.url}
          extra={R.urlHint}
          rules={[{ required: true, whitespace: true, message: "请填写 Webhook 地址" }]}
        >
          <Input maxLength={1000} />
        </Form.Item>
        {kind === "dingtalk" && (
          <Form.Item name="secret" label={R.secret} extra={existing?.hasSecret ? R.secretSet : undefined}>
            <Input.Password maxLength={200} autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="events" label={R.events} rules={[{ required: true, message: "请至少选择一项" }]}>
          <Checkbox.Group options={EVENTS.map((e) => ({ value: e, label: R.eventLabels[e] }))} />
        </Form.Item>
        <Form.Item name="enabled" label={R.enabled} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}
