import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Tag, Tree } from "antd";
import { useMemo, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import { AsyncView } from "../../components/AsyncView";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { L, ORG_KINDS } from "../../labels";

function OrgDetail({ orgId, onChanged }: { orgId: string; onChanged: () => void }) {
  const { message } = App.useApp();
  const org = useAsync(() => api.org(orgId), [orgId]);
  const [aliasForm] = Form.useForm<{ alias: string }>();
  const [childForm] = Form.useForm<{ name: string; kind: "department" | "school" | "other" }>();
  const act = async (action: () => Promise<unknown>, reset: () => void) => {
    try {
      await action();
      message.success(L.created);
      reset();
      org.reload();
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <AsyncView state={org}>
      {(o) => (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={L.orgName}>{o.name}</Descriptions.Item>
            <Descriptions.Item label={L.orgKind}>{ORG_KINDS[o.kind] ?? o.kind}</Descriptions.Item>
            <Descriptions.Item label={L.aliases}>
              {(o.aliases ?? []).length === 0 ? L.none : (o.aliases ?? []).map((a) => <Tag key={a}>{a}</Tag>)}
            </Descriptions.Item>
          </Descriptions>
          <Form
            form={aliasForm}
            layout="inline"
            onFinish={(v) =>
              act(
                () => api.addAlias(orgId, v.alias.trim()),
                () => aliasForm.resetFields(),
              )
            }
          >
            <Form.Item name="alias" rules={[{ required: true, whitespace: true, message: L.required }]}>
              <Input placeholder={L.addAlias} aria-label={L.addAlias} />
            </Form.Item>
            <Button htmlType="submit">{L.addAlias}</Button>
          </Form>
          <Form
            form={childForm}
            layout="inline"
            initialValues={{ kind: "school" }}
            onFinish={(v) =>
              act(
                () => api.createOrg({ parentId: orgId, name: v.name.trim(), kind: v.kind }),
                () => childForm.resetFields(),
              )
            }
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: L.required }]}>
              <Input placeholder={L.orgName} aria-label={L.orgName} />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                style={{ width: 100 }}
                options={(["department", "school", "other"] as const).map((k) => ({ value: k, label: ORG_KINDS[k] }))}
              />
            </Form.Item>
            <Button htmlType="submit">{L.addOrg}</Button>
          </Form>
        </Space>
      )}
    </AsyncView>
  );
}

export function OrgsPanel() {
  const orgs = useAsync(() => api.orgs(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const tree = useMemo(() => orgTree(orgs.data ?? []), [orgs.data]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <Card size="small" title={L.orgs}>
          <AsyncView state={orgs} isEmpty={(o) => o.length === 0}>
            {() => (
              <Tree
                treeData={tree}
                defaultExpandedKeys={tree.map((n) => n.key)}
                height={560}
                onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
              />
            )}
          </AsyncView>
        </Card>
      </Col>
      <Col xs={24} md={14}>
        {selected && (
          <Card size="small">
            <OrgDetail orgId={selected} onChanged={orgs.reload} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
