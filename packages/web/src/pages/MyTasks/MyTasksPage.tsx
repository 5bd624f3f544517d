import { Button, Card, Col, Empty, Input, Row, Segmented, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/endpoints";
import type { TaskRow } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { formatDate } from "../../components/format";
import { StatusTag } from "../../components/StatusTag";
import { useAsync } from "../../components/use-async";
import { L, PUB, STATUS } from "../../labels";
import { groupMyTasks, type MyTask, type MyTaskFilter } from "./my-task-filter";
import { ReportDrawer } from "./ReportDrawer";

function ReportedTag({ task }: { task: MyTask }) {
  const r = task.reporting;
  if (!r) return null;
  const label = PUB.currentLabel[r.cadence] ?? "";
  return (
    <Tag color={r.reported ? "green" : "orange"} data-reported={r.reported}>
      {r.reported ? PUB.reportedThis(label) : PUB.notReportedThis(label)}
    </Tag>
  );
}

/**
 * The unit's tasks grouped by plan, each with 本月已报/未报 (or the plan's own period), with
 * search and filters; cards take the full width on a phone, so nothing scrolls sideways at 360 px.
 */
export default function MyTasksPage() {
  const data = useAsync(() => Promise.all([api.myTasks(), api.myReporting()]), []);
  const [reporting, setReporting] = useState<TaskRow | null>(null);
  const [filter, setFilter] = useState<MyTaskFilter>({ q: "", reported: "all" });
  return (
    <>
      <Typography.Title level={4}>{L.myTasksTitle}</Typography.Title>
      {data.data && data.data[0].length > 0 && (
        <Typography.Paragraph data-testid="my-overdue">
          {L.myOverdue(data.data[0].filter((t) => t.overdue).length)}
        </Typography.Paragraph>
      )}
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={10}>
          <Input.Search
            aria-label={PUB.search}
            placeholder={PUB.search}
            allowClear
            onChange={(e) => setFilter((f) => ({ ...f, q: e.target.value }))}
          />
        </Col>
        <Col xs={14} md={7}>
          <Segmented
            block
            value={filter.reported}
            onChange={(reported) => setFilter((f) => ({ ...f, reported: reported as MyTaskFilter["reported"] }))}
            options={[
              { value: "all", label: PUB.filterAll },
              { value: "no", label: PUB.filterUnreported },
              { value: "yes", label: PUB.filterReported },
            ]}
          />
        </Col>
        <Col xs={10} md={7}>
          <Select
            aria-label={L.status}
            allowClear
            placeholder={PUB.anyStatus}
            style={{ width: "100%" }}
            onChange={(status) => setFilter((f) => ({ ...f, status }))}
            options={Object.entries(STATUS).map(([value, label]) => ({ value, label }))}
          />
        </Col>
      </Row>
      <AsyncView state={data} isEmpty={([ts]) => ts.length === 0} emptyText={L.noTasks}>
        {([tasks, mine]) => {
          const groups = groupMyTasks(tasks, mine, filter);
          if (groups.every((g) => g.tasks.length === 0)) return <Empty description={PUB.noMatch} />;
          return groups
            .filter((g) => g.tasks.length > 0)
            .map((g) => (
              <section key={g.planId} data-plan-id={g.planId} style={{ marginBottom: 16 }}>
                <Typography.Title level={5} style={{ wordBreak: "break-all" }}>
                  {g.planTitle}{" "}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {PUB.planTaskCount(g.tasks.length, g.total)}
                  </Typography.Text>
                </Typography.Title>
                <Row gutter={[12, 12]}>
                  {g.tasks.map((t) => (
                    <Col key={t.id} xs={24} md={12} xl={8}>
                      <Card size="small" data-task-id={t.id}>
                        <Space orientation="vertical" size={4} style={{ width: "100%" }}>
                          <Typography.Text strong style={{ wordBreak: "break-all" }}>
                            {t.no}. {t.title}
                          </Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t.section}
                          </Typography.Text>
                          <Space wrap size={4}>
                            <ReportedTag task={t} />
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
              </section>
            ));
        }}
      </AsyncView>
      <ReportDrawer
        taskId={reporting?.id ?? null}
        title={reporting?.title ?? ""}
        onClose={() => setReporting(null)}
        onSaved={() => {
          setReporting(null);
          data.reload();
        }}
      />
    </>
  );
}
