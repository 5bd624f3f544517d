import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect } from "antd";
import { useMemo, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { ListedUser as User } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { L, ROLES, type Role } from "../../labels";
import { ThrottlesPanel } from "./ThrottlesPanel";
import { UserEditModal } from "./UserEditModal";
import { UsersImport } from "./UsersImport";

interface NewUser {
  orgId: string;
  username: string;
  displayName: string;
  password: string;
  role: Role;
}

export function UsersPanel() {
  const { message } = App.useApp();
  const users = useAsync(() => Promise.all([api.users(), api.orgs()]), []);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [search, setSearch] = useState("");
  const [form] = Form.useForm<NewUser>();
  const orgName = useMemo(() => new Map((users.data?.[1] ?? []).map((o) => [o.id, o.name])), [users.data]);
  const create = async (v: NewUser) => {
    try {
      await api.createUser(v);
      message.success(L.created);
      setOpen(false);
      form.resetFields();
      users.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const setDisabled = async (u: User, disabled: boolean) => {
    try {
      await api.updateUser(u.id, { disabled });
      message.success(disabled ? L.userDisabled : L.userEnabled);
      users.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const matches = (u: User) => {
    const q = search.trim();
    return !q || [u.username, u.displayName, orgName.get(u.orgId) ?? ""].some((f) => f.includes(q));
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setOpen(true)}>
          {L.addUser}
        </Button>
        <UsersImport orgs={users.data?.[1] ?? []} onImported={users.reload} />
        <Input.Search
          allowClear
          placeholder={L.searchUsers}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 240 }}
        />
      </Space>
      <AsyncView state={users} isEmpty={([u]) => u.length === 0}>
        {([list]) => (
          <Table<User>
            rowKey="id"
            size="small"
            scroll={{ x: true }}
            dataSource={list.filter(matches)}
            columns={[
              { title: L.username, dataIndex: "username" },
              { title: L.displayName, dataIndex: "displayName" },
              { title: L.role, render: (_, u) => <Tag>{ROLES[u.role]}</Tag> },
              { title: L.org, render: (_, u) => orgName.get(u.orgId) ?? u.orgId },
              {
                title: L.userStatus,
                render: (_, u) =>
                  u.disabled ? <Tag color="default">{L.userDisabled}</Tag> : <Tag color="green">{L.userActive}</Tag>,
              },
              { title: L.userCreatedAt, render: (_, u) => formatTime(u.createdAt) },
              {
                title: L.actions,
                render: (_, u) => (
                  <Space size="small">
                    <Button size="small" onClick={() => setEditing(u)}>
                      {L.edit}
                    </Button>
                    {u.disabled ? (
                      <Button size="small" onClick={() => setDisabled(u, false)}>
                        {L.enableUser}
                      </Button>
                    ) : (
                      <Popconfirm title={L.disableUserConfirm(u.displayName)} onConfirm={() => setDisabled(u, true)}>
                        <Button size="small" danger>
                          {L.disableUser}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </AsyncView>
      {editing && (
        <UserEditModal
          user={editing}
          orgs={users.data?.[1] ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            users.reload();
          }}
        />
      )}
      <Modal open={open} title={L.addUser} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form<NewUser> form={form} layout="vertical" onFinish={create} initialValues={{ role: "school_reporter" }}>
          <Form.Item label={L.org} name="orgId" rules={[{ required: true, message: L.required }]}>
            <TreeSelect treeData={orgTree(users.data?.[1] ?? [])} showSearch treeNodeFilterProp="title" />
          </Form.Item>
          <Form.Item
            label={L.username}
            name="username"
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{2,64}$/, message: L.required }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={L.displayName} name="displayName" rules={[{ required: true, message: L.required }]}>
            <Input />
          </Form.Item>
          <Form.Item
            label={L.password}
            name="password"
            rules={[{ required: true, min: 10, message: "密码至少需要10个字符" }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label={L.role} name="role">
            <Select options={Object.entries(ROLES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Form>
      </Modal>
      <ThrottlesPanel />
    </>
  );
}
