import { InboxOutlined } from "@ant-design/icons";
import { App, Card, Progress, Space, Table, Tag, Upload } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { PlanSummary } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { CADENCES, L, PLAN_STATUS } from "../../labels";

const ACCEPT = ".docx,.doc,.wps,.rtf,.odt,.pdf,.html,.htm,.txt,.xlsx,.xls,.et,.ods";

/** Upload a plan document (parsed into a draft), and the list of plans to review or open. */
export default function PlansPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const plans = useAsync(() => api.plans(), []);
  const [progress, setProgress] = useState<number | null>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={L.importTitle}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={progress !== null}
          customRequest={({ file }) => {
            setProgress(0);
            api.importPlan(file as File, setProgress).then(
              (r) => {
                setProgress(null);
                message.success(L.uploadDone);
                const first = r.plans[0];
                if (first) navigate(`/plans/${first.id}/review`);
                else plans.reload();
              },
              (e: unknown) => {
                setProgress(null);
                message.error(messageOf(e));
              },
            );
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{L.dropHint}</p>
          <p className="ant-upload-hint">{L.dropSubHint}</p>
        </Upload.Dragger>
        {progress !== null && (
          <div role="status" style={{ marginTop: 12 }}>
            <Progress percent={progress} status="active" />
            {progress === 100 && L.uploading}
          </div>
        )}
      </Card>
      <Card title={L.plansTitle}>
        <AsyncView state={plans} isEmpty={(ps) => ps.length === 0}>
          {(ps) => (
            <Table<PlanSummary>
              rowKey="id"
              size="small"
              dataSource={ps}
              pagination={false}
              scroll={{ x: true }}
              columns={[
                {
                  title: L.plan,
                  dataIndex: "title",
                  render: (title: string, p) => (
                    <Link to={p.status === "draft" ? `/plans/${p.id}/review` : `/ledger?planId=${p.id}`}>{title}</Link>
                  ),
                },
                { title: L.year, dataIndex: "year" },
                { title: L.cadence, render: (_, p) => CADENCES[p.cadence] },
                {
                  title: L.status,
                  render: (_, p) => (
                    <Tag color={p.status === "published" ? "green" : "orange"}>{PLAN_STATUS[p.status]}</Tag>
                  ),
                },
                { title: L.createdAt, render: (_, p) => formatTime(p.createdAt) },
                { title: "", render: (_, p) => <Link to={`/plans/${p.id}/review`}>{L.review}</Link> },
              ]}
            />
          )}
        </AsyncView>
      </Card>
    </Space>
  );
}
