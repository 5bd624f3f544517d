import { App, Form, Input, Modal, Select, TreeSelect } from "antd";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { Org, ListedUser as User } from "../../api/types";
import { orgTree } from "../../components/org-tree";
import { L, ROLES } from "../../labels";

interface Edit {
  displayName: string;
  role: User["role"];
  orgId: string;
  password?: string;
}

/** 编辑用户: name, role and unit; a new password when one is typed (the user is signed out). */
export function UserEditModal({
  user,
  orgs,
  onClose,
  onSaved,
}: {
  user: User;
  orgs: Org[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Edit>();
  const save = async (v: Edit) => {
    const body = {
      ...(v.displayName !== user.displayName && { displayName: v.displayName }),
      ...(v.role !== user.role && { role: v.role }),
      ...(v.orgId !== user.orgId && { orgId: v.orgId }),
      ...(v.password && { password: v.password }),
    };
    if (Object.keys(body).length === 0) return onClose();
    try {
      await api.updateUser(user.id, body);
      message.success(v.password ? L.userSavedPasswordReset : L.saved);
      onSaved();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal open title={`${L.editUser}：${user.username}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form<Edit>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ displayName: user.displayName, role: user.role, orgId: user.orgId }}
      >
        <Form.Item label={L.displayName} name="displayName" rules={[{ required: true, message: L.required }]}>
          <Input />
        </Form.Item>
        <Form.Item label={L.role} name="role">
          <Select options={Object.entries(ROLES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label={L.org} name="orgId" rules={[{ required: true, message: L.required }]}>
          <TreeSelect treeData={orgTree(orgs)} showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item
          label={L.resetPassword}
          name="password"
          extra={L.resetPasswordHint}
          rules={[{ min: 10, message: L.passwordMin }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
