import { App, Button, Form, Input, List, Space, Tag, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { OrgGroup } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { L, PUB } from "../../labels";

/**
 * Named groups of organisations (各基层党组织, 城区学校…): a plan naming a group assigns its task to
 * every member. Pick a group to edit it, or type a new name.
 */
export function OrgGroupsPanel() {
  const { message } = App.useApp();
  const data = useAsync(() => Promise.all([api.orgGroups(), api.orgs()]), []);
  const [editing, setEditing] = useState<OrgGroup | null>(null);
  const [form] = Form.useForm<{ name: string; orgIds: string[] }>();
  const tree = useMemo(() => orgTree(data.data?.[1] ?? []), [data.data]);
  const names = new Map((data.data?.[1] ?? []).map((o) => [o.id, o.name]));
  const save = async (v: { name: string; orgIds: string[] }) => {
    try {
      await api.saveOrgGroup({ name: v.name.trim(), orgIds: v.orgIds ?? [] }, editing?.id);
      message.success(L.saved);
      setEditing(null);
      form.resetFields();
      data.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">{PUB.groupsHint}</Typography.Text>
      <AsyncView state={data}>
        {([groups]) => (
          <List
            size="small"
            locale={{ emptyText: PUB.noGroups }}
            dataSource={groups}
            renderItem={(g) => (
              <List.Item
                actions={[
                  <Button
                    key="edit"
                    size="small"
                    onClick={() => {
                      setEditing(g);
                      form.setFieldsValue({ name: g.name, orgIds: g.orgIds });
                    }}
                  >
                    {L.edit}
                  </Button>,
                ]}
              >
                <Space wrap size={4}>
                  <Typography.Text strong>{g.name}</Typography.Text>
                  {g.orgIds.map((id) => (
                    <Tag key={id}>{names.get(id) ?? id}</Tag>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        )}
      </AsyncView>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 560 }}>
        <Form.Item label={PUB.groupName} name="name" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder="各基层党组织" />
        </Form.Item>
        <Form.Item label={PUB.groupMembers} name="orgIds">
          <TreeSelect
            aria-label={PUB.groupMembers}
            multiple
            showSearch
            treeNodeFilterProp="title"
            treeDefaultExpandAll
            treeData={tree}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {editing ? L.save : PUB.newGroup}
          </Button>
          {editing && (
            <Button
              onClick={() => {
                setEditing(null);
                form.resetFields();
              }}
            >
              {L.cancel}
            </Button>
          )}
        </Space>
      </Form>
    </Space>
  );
}
