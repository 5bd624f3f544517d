import type { RetestWarning } from "@luoshi/contract";
import { Card, List, Tag } from "antd";
import { Link } from "react-router";
import { T } from "./labels";

/** On the warnings board: schools whose 重点关注 students' re-test date passed without a re-test. */
export function RetestBoard({ retests }: { retests: RetestWarning[] }) {
  if (retests.length === 0) return null;
  const students = retests.reduce((n, r) => n + r.count, 0);
  return (
    <Card
      size="small"
      title={T.boardTitle(students)}
      extra={<Link to="/screening">{T.title}</Link>}
      data-testid="board-retests"
      style={{ marginBottom: 12 }}
    >
      <List
        size="small"
        dataSource={retests}
        renderItem={(r) => (
          <List.Item>
            <span>
              <Tag color="red">{T.retestOverdue}</Tag>
              {T.boardLine(r.orgName, r.year, r.count, r.oldestDue)}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}
