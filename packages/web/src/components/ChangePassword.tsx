import { KeyOutlined } from "@ant-design/icons";
import { App, Button, Form, Input, Modal } from "antd";
import { useState } from "react";
import { messageOf } from "../api/client";
import { api } from "../api/endpoints";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: the current password, a new one the server's policy accepts; other sign-ins end. */
export function ChangePassword() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success("密码已修改，其他设备上的登录已退出");
      setOpen(false);
      form.resetFields();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        type="text"
        aria-label="修改密码"
        title="修改密码"
        icon={<KeyOutlined style={{ color: "#ddd" }} />}
        onClick={() => setOpen(true)}
      />
      <Modal
        open={open}
        title="修改密码"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: "请输入当前密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra="至少10个字符，混合字母、数字或符号，不能是常见密码或用户名"
            rules={[{ required: true, min: 10, message: "新密码至少需要10个字符" }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={["newPassword"]}
            rules={[
              { required: true, message: "请再次输入新密码" },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue("newPassword")
                    ? Promise.resolve()
                    : Promise.reject(new Error("两次输入的新密码不一致")),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
