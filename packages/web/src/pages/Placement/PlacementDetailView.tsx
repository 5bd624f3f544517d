import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { EChart } from "../Dashboard/EChart";
import { lineItems } from "./CeremonyView";
import { ClassListsCard } from "./ClassListsCard";
import { classMeansOption } from "./chart-option";
import { PL } from "./labels";
import { type ClassStats, type FileKind, type PlacementDetail, placementApi } from "./placement-api";
import { VerifyForm } from "./VerifyForm";

const fixed = (n: number) => n.toFixed(2);

function statisticsColumns(p: PlacementDetail): ColumnsType<ClassStats> {
  const first = p.statistics[0];
  const withTeachers = p.classes.some((c) => c.headTeacher);
  return [
    { title: "班级", key: "class", fixed: "left", width: 64, render: (_, s) => PL.className(s.classNo) },
    ...(withTeachers
      ? [
          {
            title: PL.headTeacher,
            key: "head",
            render: (_: unknown, s: ClassStats) => p.classes[s.classNo - 1]?.headTeacher,
          },
        ]
      : []),
    { title: PL.size, dataIndex: "size", align: "right" },
    { title: PL.male, dataIndex: "male", align: "right" },
    { title: PL.female, dataIndex: "female", align: "right" },
    ...(first?.scores ?? []).map((score, k) => ({
      title: score.name,
      children: [
        {
          title: PL.mean,
          key: `m${k}`,
          align: "right" as const,
          render: (_: unknown, s: ClassStats) => fixed(s.scores[k]!.mean),
        },
        {
          title: PL.sd,
          key: `s${k}`,
          align: "right" as const,
          render: (_: unknown, s: ClassStats) => fixed(s.scores[k]!.sd),
        },
      ],
    })),
    ...(first?.tags ?? []).map((tag, k) => ({
      title: tag.name,
      key: `t${k}`,
      align: "right" as const,
      render: (_: unknown, s: ClassStats) => s.tags[k]?.count,
    })),
  ];
}

/** The full lists (classes, result.json) are for callers with clear access; the notice is public. */
const DOWNLOADS: [FileKind, string][] = [
  ["classes", PL.downloadClasses],
  ["notice", PL.downloadNotice],
  ["result", PL.downloadResult],
];

/** One run: statistics, the class-means chart, the balance report, hashes and seed inputs, files, verification. */
export function PlacementDetailView({
  placement: p,
  onOpenCeremony,
}: {
  placement: PlacementDetail;
  onOpenCeremony: (id: string) => void;
}) {
  const option = useMemo(() => classMeansOption(p.statistics), [p.statistics]);
  const hasScores = (p.statistics[0]?.scores.length ?? 0) > 0;
  const { allPlacedOnce, capacitiesRespected, groupsTogether, apartRespected } = p.balance.constraints;
  const constraintsOk = allPlacedOnce && capacitiesRespected && groupsTogether && apartRespected;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {p.legacy && <Alert type="warning" showIcon title={PL.legacy} description={PL.legacyHint} />}
      <Card
        title={p.name}
        extra={
          <Space wrap>
            {p.legacy && <Tag color="default">{PL.legacy}</Tag>}
            <Tag>{`${p.studentCount} 人 · ${p.classCount} 个班`}</Tag>
          </Space>
        }
      >
        <Space wrap>
          {p.commitmentId && <Button onClick={() => onOpenCeremony(p.commitmentId!)}>{PL.openCeremony}</Button>}
          {DOWNLOADS.filter(([kind]) => kind === "notice" || p.personalAccess === "clear").map(([kind, label]) => (
            <Button key={kind} icon={<DownloadOutlined />} href={placementApi.fileUrl(p.id, kind)} download>
              {label}
            </Button>
          ))}
        </Space>
        {p.personalAccess === "clear" ? null : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {PL.publicOnly}
          </Typography.Paragraph>
        )}
      </Card>
      {p.personalAccess === "none" ? null : <ClassListsCard placementId={p.id} access={p.personalAccess} />}
      <Card title={PL.statistics}>
        <Table<ClassStats>
          rowKey="classNo"
          size="small"
          bordered
          dataSource={p.statistics}
          columns={statisticsColumns(p)}
          pagination={false}
          scroll={{ x: "max-content" }}
        />
      </Card>
      <Card title={PL.chartTitle}>
        {hasScores ? (
          <EChart option={option} label={PL.chartLabel} />
        ) : (
          <Typography.Text>{PL.noScores}</Typography.Text>
        )}
      </Card>
      <Card
        title={PL.balance}
        extra={
          <Tag color={constraintsOk ? "green" : "red"}>{constraintsOk ? PL.constraintsOk : PL.constraintsBroken}</Tag>
        }
      >
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {p.balanceLines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Card>
      <Card title={PL.hashes}>
        <Typography.Paragraph type="secondary">{PL.hashesHint}</Typography.Paragraph>
        <Descriptions column={1} size="small" layout="vertical" bordered items={lineItems(p.hashLines)} />
      </Card>
      <Card title={PL.verify}>
        <VerifyForm onVerify={(files) => placementApi.verify(p.id, files)} />
      </Card>
    </Space>
  );
}
