import type { OutbreakAlert } from "@luoshi/contract";
import { Card, List, Tag } from "antd";
import { Link } from "react-router";
import { H } from "./labels";

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** On the warnings board: outbreak alerts not yet confirmed reported, red past their due time. */
export function OutbreakBoard({ outbreaks }: { outbreaks: OutbreakAlert[] }) {
  if (outbreaks.length === 0) return null;
  return (
    <Card
      size="small"
      title={`${H.alerts}（${outbreaks.length}）`}
      extra={<Link to="/health">{H.nav}</Link>}
      data-testid="board-outbreaks"
      style={{ marginBottom: 12 }}
    >
      <List
        size="small"
        dataSource={outbreaks}
        renderItem={(a) => (
          <List.Item>
            <span>
              <Tag color={a.overdue ? "red" : "orange"}>{a.overdue ? H.alertOverdue : H.alertOpen}</Tag>
              {a.orgName} {a.scope === "class" ? a.unitName : ""}：{a.label}（{a.count}
              {H.cases}） · {H.dueAt} {time(a.dueAt)}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
