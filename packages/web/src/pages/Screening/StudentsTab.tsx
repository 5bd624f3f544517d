import { BMI_CATEGORY_LABELS, FITNESS_GRADE_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, InputNumber, message, Space, Table, Tooltip } from "antd";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { T } from "./labels";
import { type ScreeningResult, screeningApi } from "./screening-api";

export const gradeName = (g: number) =>
  g <= 6 ? `${"一二三四五六"[g - 1]}年级` : g <= 9 ? `初${"一二三"[g - 7]}` : `高${"一二三"[g - 10]}`;
export const myopicText = (m: boolean | null) => (m === null ? T.undetermined : m ? T.yes : T.no);
const label = (labels: Record<string, string>, v: string | null) => (v === null ? "—" : (labels[v] ?? v));

const PARTS = [
  ["vision", "视力"],
  ["bmi", "体重状况"],
  ["fitness", "体质健康"],
] as const;

/** Why a result is what it is: for each part, the rule (with its version) and the table row it used, in a tooltip. */
export function Why({ r }: { r: ScreeningResult }) {
  const text = PARTS.filter(([part]) => r.explanations[part])
    .map(([part, label]) => `${label}（${r.rules[part] ?? "—"}）：${r.explanations[part]}`)
    .join("\n");
  return (
    <Tooltip title={<span style={{ whiteSpace: "pre-line" }}>{text}</span>}>
      <Button size="small" type="link">
        {T.why}
      </Button>
    </Tooltip>
  );
}

/** The school's list of students' results: names and numbers masked; a reveal is audited. */
export function StudentsTab({ defaultYear }: { defaultYear: number }) {
  const [year, setYear] = useState(defaultYear);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; results: ScreeningResult[] }>({ total: 0, results: [] });
  const load = useCallback(() => {
    void screeningApi.students({ year, limit: 50, offset: (page - 1) * 50 }).then(setData);
  }, [year, page]);
  useEffect(load, [load]);

  const reveal = async (r: ScreeningResult) => {
    try {
      const clear = await screeningApi.reveal(r.id);
      setData((d) => ({
        ...d,
        results: d.results.map((x) => (x.id === r.id ? { ...x, ...clear, id: x.id } : x)),
      }));
      message.success(T.revealed);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <span>{T.year}</span>
        <InputNumber aria-label={T.year} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Button href={screeningApi.listXlsxUrl(year)}>{T.exportList}</Button>
      </Space>
      <Table<ScreeningResult>
        size="small"
        rowKey="id"
        dataSource={data.results}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 50, total: data.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: T.school, dataIndex: "orgName" },
          { title: T.grade, dataIndex: "grade", render: gradeName },
          { title: T.className, dataIndex: "className" },
          { title: T.name, dataIndex: "name" },
          { title: T.studentNo, dataIndex: "studentNo" },
          { title: T.sex, dataIndex: "sex", render: (s: string) => (s === "male" ? "男" : "女") },
          { title: T.myopic, dataIndex: "myopic", render: myopicText },
          { title: T.bmi, dataIndex: "bmi" },
          { title: T.bmiCategory, dataIndex: "bmiCategory", render: (v) => label(BMI_CATEGORY_LABELS, v) },
          { title: T.fitness, dataIndex: "fitnessGrade", render: (v) => label(FITNESS_GRADE_LABELS, v) },
          {
            key: "actions",
            render: (_: unknown, r) => (
              <Space size={0}>
                <Why r={r} />
                <Button size="small" type="link" onClick={() => void reveal(r)}>
                  {T.reveal}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
