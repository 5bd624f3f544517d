import { Alert, App, Badge, Button, Card, Col, List, Row, Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import type { Diagnostic, GapReport, Org, Plan, PlanTask, Span } from "../../api/types";
import { AsyncView } from "../../components/AsyncView";
import { orgTree } from "../../components/org-tree";
import { useAsync } from "../../components/use-async";
import { L, PLAN_STATUS, PUB, TASK_DOUBT } from "../../labels";
import { BatchAssignModal } from "./BatchAssignModal";
import { GapsPanel } from "./GapsPanel";
import { EndPlanButtons, PublishButton, ReportRulesForm } from "./PlanActions";
import { isDoubtful, reviewOrder } from "./review-order";
import { SourceView } from "./SourceView";
import { type TaskEdit, TaskEditor } from "./TaskEditor";
import { type UnitChoice, UnitMapper } from "./UnitMapper";

interface Loaded {
  plan: Plan;
  tasks: PlanTask[];
  text: string;
  unresolved: string[];
  orgs: Org[];
  gaps: GapReport;
}

async function load(id: string): Promise<Loaded> {
  const [{ plan, tasks }, source, orgs, gaps] = await Promise.all([
    api.plan(id),
    api.planSource(id),
    api.orgs(),
    api.planGaps(id),
  ]);
  const units = plan.status === "draft" ? await api.planUnits(id) : { unresolved: [] };
  return { plan, tasks, text: source.text, unresolved: units.unresolved, orgs, gaps };
}

const STATUS_COLOR: Record<string, string> = {
  draft: "orange",
  published: "green",
  withdrawn: "red",
  archived: "default",
};

const taskAt = (tasks: PlanTask[], span: Span) =>
  tasks.find((t) => t.span && t.span.start <= span.start && span.start < t.span.end);

function Review({ data, reload }: { data: Loaded; reload: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { plan, tasks } = data;
  const draft = plan.status === "draft";
  // The least sure tasks first: the reviewer checks those before the rest.
  const ordered = useMemo(() => reviewOrder(tasks), [tasks]);
  const [selectedId, setSelectedId] = useState<string | null>(ordered[0]?.id ?? null);
  const [highlight, setHighlight] = useState<Span | null>(ordered[0]?.span ?? null);
  const [busy, setBusy] = useState<"task" | "units" | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  const selected = tasks.find((t) => t.id === selectedId) ?? null;
  const diagnostics = (plan.diagnostics ?? []) as Diagnostic[];
  const orgs = useMemo(() => orgTree(data.orgs), [data.orgs]);

  const pick = (taskId: string) => {
    setSelectedId(taskId);
    setHighlight(tasks.find((t) => t.id === taskId)?.span ?? null);
  };
  const run = async (kind: "task" | "units", action: () => Promise<void>) => {
    setBusy(kind);
    try {
      await action();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  const saveTask = (edit: TaskEdit) =>
    run("task", async () => {
      if (!selected) return;
      await api.updateDraftTask(plan.id, selected.id, edit);
      message.success(L.saved);
      reload();
    });
  const saveUnits = (mappings: UnitChoice[]) =>
    run("units", async () => {
      await api.mapUnits(plan.id, mappings);
      message.success(L.saved);
      reload();
    });
  const published = plan.status === "published";

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        title={
          <Space wrap>
            {L.reviewTitle}
            <Typography.Text>{plan.title}</Typography.Text>
            <Tag color={STATUS_COLOR[plan.status]}>{PLAN_STATUS[plan.status]}</Tag>
          </Space>
        }
        extra={
          draft ? (
            <PublishButton
              plan={plan}
              gaps={data.gaps}
              disabled={data.unresolved.length > 0}
              onPublished={(pending) => (pending > 0 ? reload() : navigate(`/ledger?planId=${plan.id}`))}
            />
          ) : (
            <EndPlanButtons plan={plan} onDone={reload} />
          )
        }
      >
        {plan.statusReason && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${PUB.statusReason}：${plan.statusReason}`}
          />
        )}
        {(draft || published) && (
          <div style={{ marginBottom: 12 }}>
            <ReportRulesForm plan={plan} onSaved={reload} />
          </div>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>
              <Badge count={diagnostics.length} offset={[12, 0]} color="orange">
                {L.warnings}
              </Badge>
            </Typography.Title>
            <List
              size="small"
              locale={{ emptyText: L.noWarnings }}
              dataSource={diagnostics}
              style={{ maxHeight: 220, overflow: "auto" }}
              renderItem={(d) => (
                <List.Item>
                  <Button
                    type="link"
                    size="small"
                    disabled={!d.span}
                    style={{ whiteSpace: "normal", textAlign: "left", height: "auto", padding: 0 }}
                    onClick={() => {
                      if (!d.span) return;
                      setHighlight(d.span);
                      const t = taskAt(tasks, d.span);
                      if (t) setSelectedId(t.id);
                    }}
                  >
                    <Tag color={d.severity === "warning" ? "orange" : "blue"}>{d.code}</Tag>
                    {d.message}
                  </Button>
                </List.Item>
              )}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Title level={5}>{L.unitMapping}</Typography.Title>
            <UnitMapper
              unresolved={data.unresolved}
              unassigned={data.gaps.counts.unit}
              orgs={orgs}
              saving={busy === "units"}
              onSave={saveUnits}
            />
          </Col>
        </Row>
      </Card>
      {(draft || published) && (
        <GapsPanel
          planId={plan.id}
          report={data.gaps}
          orgs={orgs}
          published={published}
          onChanged={reload}
          onPick={pick}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={L.sourceText} size="small">
            <SourceView
              text={data.text}
              tasks={tasks}
              highlight={highlight}
              selectedTaskId={selectedId}
              onPickTask={pick}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={L.extracted}
            size="small"
            extra={
              <Select
                aria-label={L.colTitle}
                showSearch
                optionFilterProp="label"
                style={{ width: 260 }}
                value={selectedId ?? undefined}
                onChange={pick}
                options={ordered.map((t) => ({
                  value: t.id,
                  label: `${isDoubtful(t) ? `【${L.doubtful}】` : ""}${t.no}. ${t.title}`,
                }))}
              />
            }
          >
            {selected && isDoubtful(selected) && (
              <Space wrap style={{ marginBottom: 8 }}>
                <Typography.Text type="warning">{L.doubtful}</Typography.Text>
                {(selected.reasons ?? []).map((r) => (
                  <Tag key={r} color="orange">
                    {TASK_DOUBT[r] ?? r}
                  </Tag>
                ))}
              </Space>
            )}
            {selected && published && (
              <Button style={{ marginBottom: 8 }} onClick={() => setAdjusting(true)}>
                {PUB.adjust}
              </Button>
            )}
            {adjusting && selected && (
              <BatchAssignModal
                planId={plan.id}
                taskIds={[selected.id]}
                orgs={orgs}
                onClose={() => setAdjusting(false)}
                onDone={() => {
                  setAdjusting(false);
                  reload();
                }}
              />
            )}
            {selected ? (
              <TaskEditor task={selected} readOnly={!draft} saving={busy === "task"} onSave={saveTask} />
            ) : (
              <Typography.Text type="secondary">{L.selectTask}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

export default function PlanReviewPage() {
  const { id = "" } = useParams();
  const state = useAsync(() => load(id), [id]);
  return <AsyncView state={state}>{(data) => <Review data={data} reload={state.reload} />}</AsyncView>;
}
