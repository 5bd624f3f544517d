import type { HazardWarning } from "@luoshi/contract";
import { HAZARD_CATEGORY_LABELS, HAZARD_GRADE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { S } from "./labels";
import type { NoticeTarget } from "./notice-prefill";
import { reasonText } from "./notice-prefill";

/** A hazard as the subject of a 督办单: the hazard and its school, its status and deadline. */
export const hazardNoticeTarget = (h: HazardWarning): NoticeTarget => ({
  hazardId: h.id,
  taskId: "",
  taskNo: S.hazards.subject,
  taskTitle: `${h.location}：${h.description}`,
  orgId: h.orgId,
  orgName: h.orgName,
  status: h.status,
  reasons: h.reasons,
  dueDate: h.deadline,
  progress: null,
});

/**
 * The campus-safety hazards on the warnings board (issue 15): red past the rectification deadline,
 * yellow close to it, and every open 重大 hazard; one card each (readable at 360 px), with
 * 签发督办单 for the bureau's managers.
 */
export function HazardWarnings({
  hazards,
  onIssue,
}: {
  hazards: HazardWarning[];
  /** Set for those who may issue 督办单. */
  onIssue?: (target: NoticeTarget) => void;
}) {
  if (hazards.length === 0) return null;
  return (
    <Card size="small" title={S.hazards.title(hazards.length)} data-testid="board-hazards">
      <List<HazardWarning>
        dataSource={hazards}
        renderItem={(h) => (
          <List.Item style={{ padding: "6px 0" }} data-testid="board-hazard" data-hazard={h.id} data-status={h.status}>
            <Space orientation="vertical" size={4} style={{ width: "100%" }}>
              <Space size={4} wrap>
                <Tag color={S.statusColor[h.status]}>{S.status[h.status]}</Tag>
                {h.grade === "major" && <Tag color="red">{HAZARD_GRADE_LABELS.major}</Tag>}
                <Link to={`/safety?hazard=${h.id}`} style={{ wordBreak: "break-word" }}>
                  {`${h.orgName} · ${HAZARD_CATEGORY_LABELS[h.category]} · ${h.location}`}
                </Link>
              </Space>
              <Typography.Text style={{ wordBreak: "break-word" }}>{h.description}</Typography.Text>
              <Typography.Text type="secondary" style={{ wordBreak: "break-word" }}>
                {[
                  HAZARD_GRADE_LABELS[h.grade],
                  h.deadline ? `${S.hazards.deadline} ${h.deadline}` : S.hazards.unassigned,
                  ...h.reasons.map(reasonText),
                  h.openNotices > 0 ? S.hazards.noticed(h.openNotices) : "",
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Typography.Text>
              {onIssue && (
                <Button size="small" onClick={() => onIssue(hazardNoticeTarget(h))}>
                  {S.issue.button}
                </Button>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
