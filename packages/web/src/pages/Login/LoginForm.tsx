import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { L } from "../../labels";

interface Props {
  onLogin: (username: string, password: string) => Promise<unknown>;
}

/** Username and password; the server's message (wrong password, too many attempts) shows above the button. */
export function LoginForm({ onLogin }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await onLogin(values.username.trim(), values.password);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} size="large" aria-label={L.loginTitle}>
      <Form.Item
        label={L.username}
        name="username"
        rules={[{ required: true, whitespace: true, message: L.usernameRequired }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item label={L.password} name="password" rules={[{ required: true, message: L.passwordRequired }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {L.loginButton}
      </Button>
    </Form>
  );
}
