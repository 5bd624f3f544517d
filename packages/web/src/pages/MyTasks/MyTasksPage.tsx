import { Button, Card, Col, Row, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/endpoints";
import type { TaskRow } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { formatDate } from "../../components/format";
import { StatusTag } from "../../components/StatusTag";
import { useAsync } from "../../components/use-async";
import { L } from "../../labels";
import { ReportDrawer } from "./ReportDrawer";

/** Overdue first, then by the next deadline; done tasks last. */
const byUrgency = (a: TaskRow, b: TaskRow) =>
  Number(b.overdue) - Number(a.overdue) ||
  Number(a.status === "done") - Number(b.status === "done") ||
  (a.nextDue ?? "9999").localeCompare(b.nextDue ?? "9999");

export default function MyTasksPage() {
  const tasks = useAsync(() => api.myTasks().then((ts) => [...ts].sort(byUrgency)), []);
  const [reporting, setReporting] = useState<TaskRow | null>(null);
  return (
    <>
      <Typography.Title level={4}>{L.myTasksTitle}</Typography.Title>
      {tasks.data && tasks.data.length > 0 && (
        <Typography.Paragraph data-testid="my-overdue">
          {L.myOverdue(tasks.data.filter((t) => t.overdue).length)}
        </Typography.Paragraph>
      )}
      <AsyncView state={tasks} isEmpty={(ts) => ts.length === 0} emptyText={L.noTasks}>
        {(rows) => (
          <Row gutter={[12, 12]}>
            {rows.map((t) => (
              <Col key={t.id} xs={24} md={12} xl={8}>
                <Card size="small" data-task-id={t.id}>
                  <Space direction="vertical" size={4} style={{ width: "100%" }}>
                    <Typography.Text strong style={{ wordBreak: "break-all" }}>
                      {t.no}. {t.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t.section}
                    </Typography.Text>
                    <Space wrap size={4}>
                      <StatusTag status={t.status} />
                      {t.overdue && <Tag color="red">{L.overdue}</Tag>}
                      <Tag>
                        {L.colNextDue}：{formatDate(t.nextDue)}
                      </Tag>
                    </Space>
                    <Space wrap>
                      <Button type="primary" size="small" onClick={() => setReporting(t)}>
                        {L.report}
                      </Button>
                      <Link to={`/tasks/${t.id}`}>{L.taskDetail}</Link>
                    </Space>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </AsyncView>
      <ReportDrawer
        taskId={reporting?.id ?? null}
        title={reporting?.title ?? ""}
        onClose={() => setReporting(null)}
        onSaved={() => {
          setReporting(null);
          tasks.reload();
        }}
      />
    </>
  );
}
