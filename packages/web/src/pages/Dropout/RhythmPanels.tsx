import { LEDGER_STATE_LABELS, RETURN_STATUS_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Alert, App, Button, Card, Descriptions, Input, List, Segmented, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { type DropoutMonthlyReturn, type DropoutQuarterReview, dropoutApi, todayString } from "./dropout-api";
import { D } from "./labels";

const STATUS_COLOURS: Record<string, string> = { timely: "green", late: "orange", missing: "red", pending: "default" };
const dateTime = (iso: string) => new Date(iso).toLocaleString("zh-CN", { hour12: false });

/** This month and the last one, YYYY-MM. */
function recentMonths(): string[] {
  const [y, m] = todayString().split("-").map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  return [`${y}-${String(m).padStart(2, "0")}`, previous];
}

/** The current quarter and the three before it, e.g. 2024Q3. */
function recentQuarters(): string[] {
  const [y, m] = todayString().split("-").map(Number) as [number, number];
  const out: string[] = [];
  let year = y;
  let q = Math.floor((m - 1) / 3) + 1;
  for (let i = 0; i < 4; i++) {
    out.push(`${year}Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/** The school's monthly return (一月一报告): what it lists, its status, and the submit (a zero return when no case). */
export function MonthlyReturnCard({ version }: { version: number }) {
  const { message } = App.useApp();
  const months = recentMonths();
  const [month, setMonth] = useState(months[0]!);
  const [ret, setRet] = useState<DropoutMonthlyReturn | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    void dropoutApi.returns(month).then((r) => setRet(r.returns[0] ?? null));
  }, [month]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version (a case changed) reloads the return
  useEffect(load, [load, version]);

  const submit = async () => {
    setBusy(true);
    try {
      setRet(await dropoutApi.submitReturn(month));
      message.success(D.returnDone);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const total = ret ? ret.counts.atRisk + ret.counts.outOfSchool + ret.counts.closed : 0;
  return (
    <Card size="small" title={D.monthlyReturn} data-return={month}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Segmented value={month} onChange={(v) => setMonth(String(v))} options={months} />
        {ret && (
          <>
            <Space wrap size={4}>
              <Tag color={STATUS_COLOURS[ret.status]}>{RETURN_STATUS_LABELS[ret.status]}</Tag>
              {ret.zero && <Tag>{D.zeroReturn}</Tag>}
              <span>
                {D.dueAt} {dateTime(ret.dueAt)}
              </span>
            </Space>
            <div>{D.returnCounts(ret.counts.atRisk, ret.counts.outOfSchool, ret.counts.closed)}</div>
            <Button type="primary" block loading={busy} onClick={submit}>
              {ret.submittedAt ? D.resubmitReturn : total === 0 ? D.submitZero : D.submitReturn}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}

/** Cases a page of the quarterly review lists (the server counts them all). */
const REVIEW_PAGE = 20;

/** The county's quarterly review (一季度一复核): the schools' returns, the quarter's cases, the department's note. */
export function QuarterReviewPanel({ mayComplete, onOpen }: { mayComplete: boolean; onOpen: (id: string) => void }) {
  const { message } = App.useApp();
  const quarters = recentQuarters();
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [page, setPage] = useState(1);
  const [review, setReview] = useState<DropoutQuarterReview | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const pageQuery = { limit: REVIEW_PAGE, offset: (page - 1) * REVIEW_PAGE };
  // biome-ignore lint/correctness/useExhaustiveDependencies: pageQuery follows page
  useEffect(() => {
    void dropoutApi.quarterReview(quarter, pageQuery).then(setReview);
  }, [quarter, page]);

  const complete = async () => {
    setBusy(true);
    try {
      await dropoutApi.completeReview(quarter, note);
      setReview(await dropoutApi.quarterReview(quarter, pageQuery));
      setNote("");
      message.success(D.reviewDone);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-review={quarter}>
      <Segmented
        value={quarter}
        onChange={(v) => {
          setReview(null);
          setQuarter(String(v));
          setPage(1);
        }}
        options={quarters}
      />
      {review && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={D.reviewStatus}>
              <Tag color={STATUS_COLOURS[review.status]}>{RETURN_STATUS_LABELS[review.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={D.dueAt}>{dateTime(review.dueAt)}</Descriptions.Item>
            <Descriptions.Item label={D.completeness}>
              {review.returns.completeness ?? "—"}
              {review.returns.completeness === null ? "" : "%"}
            </Descriptions.Item>
            <Descriptions.Item label={D.timeliness}>
              {review.returns.timeliness ?? "—"}
              {review.returns.timeliness === null ? "" : "%"}
            </Descriptions.Item>
            {review.completedAt && (
              <Descriptions.Item label={D.reviewNote} span={2}>
                {review.note}（{review.completedBy}，{dateTime(review.completedAt)}）
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table
            size="small"
            rowKey="orgId"
            pagination={false}
            scroll={{ x: true }}
            dataSource={review.schools}
            columns={[
              { title: D.school, dataIndex: "orgName" },
              { title: D.returnsSubmitted, dataIndex: "submitted" },
              { title: D.zeroReturn, dataIndex: "zero" },
              { title: D.returnsMissing, dataIndex: "missing" },
              { title: D.quarterCases, dataIndex: "cases" },
            ]}
          />
          <List
            header={D.quarterCaseList(review.total)}
            dataSource={review.cases}
            pagination={
              review.total > REVIEW_PAGE && {
                current: page,
                pageSize: REVIEW_PAGE,
                total: review.total,
                onChange: setPage,
                showSizeChanger: false,
              }
            }
            locale={{ emptyText: D.empty }}
            renderItem={(c) => (
              <List.Item data-review-case={c.id} onClick={() => c.escalated && onOpen(c.id)}>
                <Space wrap size={4}>
                  <Tag>{LEDGER_STATE_LABELS[c.state]}</Tag>
                  <span>
                    {c.orgName} · {String(c.fields.studentName ?? "")} · {String(c.fields.grade ?? "")}
                  </span>
                </Space>
              </List.Item>
            )}
          />
          {mayComplete && (
            <Space orientation="vertical" style={{ width: "100%" }}>
              {review.completedAt && <Alert type="success" showIcon title={D.reviewCompleted} />}
              <Input.TextArea
                rows={2}
                maxLength={2000}
                value={note}
                placeholder={D.reviewNotePlaceholder}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button type="primary" disabled={!note.trim()} loading={busy} onClick={complete}>
                {review.completedAt ? D.amendReview : D.completeReview}
              </Button>
            </Space>
          )}
        </>
      )}
    </Space>
  );
}
