import type { LoginThrottle } from "@luoshi/contract";
import { App, Button, Table, Tag, Typography } from "antd";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";

const SCOPES = { account: "账号", client: "客户端地址", device: "常用设备" } as const;

/** 系统管理 › 用户: current login throttles, each with 解除 (audited on the server). */
export function ThrottlesPanel() {
  const { message } = App.useApp();
  const list = useAsync(() => api.loginThrottles(), []);
  const clear = async (t: LoginThrottle) => {
    try {
      await api.clearLoginThrottle(t.key);
      message.success("已解除");
      list.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        登录限制
      </Typography.Title>
      <AsyncView state={list} isEmpty={(rows) => rows.length === 0}>
        {(rows) => (
          <Table<LoginThrottle>
            rowKey="key"
            size="small"
            scroll={{ x: true }}
            dataSource={rows}
            columns={[
              { title: "类型", render: (_, t) => <Tag>{SCOPES[t.scope]}</Tag> },
              { title: "对象", dataIndex: "subject" },
              { title: "失败次数", dataIndex: "failures" },
              {
                title: "限制到",
                render: (_, t) =>
                  t.blockedUntil && new Date(t.blockedUntil) > new Date() ? formatTime(t.blockedUntil) : "未限制",
              },
              { title: "最近尝试", render: (_, t) => formatTime(t.lastAttempt) },
              {
                title: "操作",
                render: (_, t) => (
                  <Button size="small" onClick={() => clear(t)}>
                    解除
                  </Button>
                ),
              },
            ]}
          />
        )}
      </AsyncView>
    </>
  );
}
