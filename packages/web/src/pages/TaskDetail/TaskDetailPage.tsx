import { EditOutlined } from "@ant-design/icons";
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../api/endpoints";
import type { Indicator, Report, TaskDetail } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { Attachments } from "../../components/Attachments";
import { formatDate, formatTarget, formatTime } from "../../components/format";
import { StatusTag } from "../../components/StatusTag";
import { useAsync } from "../../components/use-async";
import { ASSIGNMENT_ROLE, CHG, DEADLINE_KIND, L, OPS, STATUS_COLOR } from "../../labels";
import { canManagePlans, useMe } from "../../session";
import { TaskNotices } from "../Supervision/TaskNotices";
import { TaskChangeModal } from "./TaskChangeModal";

const attainedTag = (i: Indicator) =>
  i.attained === null ? (
    <Tag>{L.notJudged}</Tag>
  ) : i.attained ? (
    <Tag color="success">{L.attained}</Tag>
  ) : (
    <Tag color="error">{L.notAttained}</Tag>
  );

function IndicatorTable({ indicators }: { indicators: Indicator[] }) {
  return (
    <Table<Indicator>
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: true }}
      dataSource={indicators}
      columns={[
        { title: L.subject, dataIndex: "subject" },
        { title: L.op, render: (_, i) => OPS[i.op] },
        {
          title: L.target,
          render: (_, i) =>
            formatTarget({ op: i.op, value: i.targetValue, min: i.targetMin, max: i.targetMax, unit: i.unit }),
        },
        {
          title: L.actual,
          render: (_, i) => (
            <>
              {i.actual === null ? "—" : `${i.actual}${i.unit}`}
              {i.derivation && (
                <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                  {i.derivation}
                </Typography.Text>
              )}
            </>
          ),
        },
        { title: L.period, dataIndex: "period", render: (p: string | null) => p ?? "—" },
        { title: L.attained, render: (_, i) => attainedTag(i) },
      ]}
    />
  );
}

function ReportTimeline({ reports }: { reports: Report[] }) {
  if (reports.length === 0) return <Empty description={L.noReports} />;
  return (
    <Timeline
      items={reports.map((r) => ({
        color: STATUS_COLOR[r.status] === "error" ? "red" : r.status === "done" ? "green" : "blue",
        content: (
          <Space orientation="vertical" size={2} style={{ width: "100%" }}>
            <Space wrap>
              <Typography.Text strong>{r.period}</Typography.Text>
              <Typography.Text>{r.orgName}</Typography.Text>
              <StatusTag status={r.status} />
              <Tag>{r.percent}%</Tag>
              <Typography.Text type="secondary">{formatTime(r.submittedAt)}</Typography.Text>
            </Space>
            {r.narrative && <Typography.Paragraph style={{ marginBottom: 0 }}>{r.narrative}</Typography.Paragraph>}
            <Attachments files={r.evidence} />
          </Space>
        ),
      }))}
    />
  );
}

function Detail({ d, reload }: { d: TaskDetail; reload: () => void }) {
  const { task } = d;
  const me = useMe();
  const [changing, setChanging] = useState(false);
  const changeable = canManagePlans(me) && d.plan.status === "published";
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Breadcrumb
        items={[{ title: <Link to={`/ledger?planId=${d.plan.id}`}>{d.plan.title}</Link> }, { title: task.no }]}
      />
      <Card
        title={`${task.no}. ${task.title}`}
        extra={
          <Space wrap>
            <StatusTag status={task.status} />
            {changeable && (
              <Button icon={<EditOutlined />} onClick={() => setChanging(true)}>
                {CHG.button}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={L.section}>{task.path.join(" / ")}</Descriptions.Item>
          <Descriptions.Item label={L.units}>{task.units.join("、")}</Descriptions.Item>
          <Descriptions.Item label={L.colNextDue}>
            {formatDate(task.nextDue)} {task.overdue && <Tag color="red">{L.overdue}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={L.deadlines}>
            {task.deadlines.map((x) => x.text).join("；") || "—"}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{L.body}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{task.body}</Typography.Paragraph>
        {task.measures.length > 0 && (
          <>
            <Typography.Title level={5}>{L.measures}</Typography.Title>
            <List size="small" dataSource={task.measures} renderItem={(m) => <List.Item>{m}</List.Item>} />
          </>
        )}
      </Card>
      <Row gutter={[{ xs: 0, lg: 16 }, 16]}>
        <Col xs={24} lg={12}>
          <Card title={L.assignments} size="small">
            <Table
              size="small"
              rowKey="orgId"
              pagination={{ pageSize: 10, hideOnSinglePage: true, size: "small" }}
              dataSource={d.assignees}
              columns={[
                { title: L.org, dataIndex: "orgName" },
                { title: L.role, render: (_, a) => ASSIGNMENT_ROLE[a.role] },
                { title: L.status, render: (_, a) => <StatusTag status={a.status} /> },
                { title: L.percent, render: (_, a) => `${a.percent}%` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={L.milestones} size="small">
            <Timeline
              items={d.milestones.map((m) => ({
                color: m.dueDate && m.dueDate < new Date().toISOString().slice(0, 10) ? "red" : "blue",
                content: `${m.dueDate ?? DEADLINE_KIND[m.kind]} · ${m.text}`,
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card title={L.indicators} size="small">
        <IndicatorTable indicators={d.indicators} />
      </Card>
      <Card title={L.reports} size="small">
        <ReportTimeline reports={d.reports} />
      </Card>
      <TaskNotices task={task} units={d.assignees} />
      {changing && (
        <TaskChangeModal
          detail={d}
          onClose={() => setChanging(false)}
          onDone={() => {
            setChanging(false);
            reload();
          }}
        />
      )}
    </Space>
  );
}

export default function TaskDetailPage() {
  const { id = "" } = useParams();
  const detail = useAsync(() => api.task(id), [id]);
  return <AsyncView state={detail}>{(d) => <Detail d={d} reload={detail.reload} />}</AsyncView>;
}
