import { FOLLOWUP_REASON_LABELS, INTERVENTION_KIND_LABELS } from "@luoshi/contract/ledger-vocabulary";
import { Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, message, Select, Space, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { T } from "./labels";
import { gradeName, Why } from "./StudentsTab";
import { type ScreeningFollowup, screeningApi } from "./screening-api";

interface InterventionForm {
  kind: keyof typeof INTERVENTION_KIND_LABELS;
  doneOn: Dayjs;
  note?: string;
  retestDue?: Dayjs;
}

/** A class's 家长告知书 in one Word document: the classes come from the list shown. */
function ClassNotices({ year, list }: { year: number; list: ScreeningFollowup[] }) {
  const classes = new Map(
    list.map(({ result: r }) => [
      `${r.orgId}|${r.grade}|${r.className ?? ""}`,
      {
        label: `${r.orgName} ${gradeName(r.grade)}${r.className ?? ""}`,
        orgId: r.orgId,
        grade: r.grade,
        className: r.className,
      },
    ]),
  );
  const [picked, setPicked] = useState<string>();
  const chosen = picked ? classes.get(picked) : undefined;
  if (classes.size === 0) return null;
  return (
    <>
      <Select
        aria-label={T.pickClass}
        placeholder={T.pickClass}
        style={{ width: 260, maxWidth: "calc(100vw - 96px)" }}
        value={chosen ? picked : undefined}
        onChange={setPicked}
        options={[...classes.entries()].map(([value, c]) => ({ value, label: c.label }))}
      />
      <Button disabled={!chosen} href={chosen ? screeningApi.classNoticesUrl({ year, ...chosen }) : undefined}>
        {T.printClass}
      </Button>
    </>
  );
}

/** 重点关注 (小眼镜/小胖墩): who, why, what was done, and the re-test. */
export function FollowupsTab({ defaultYear }: { defaultYear: number }) {
  const [year, setYear] = useState(defaultYear);
  const [list, setList] = useState<ScreeningFollowup[]>([]);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<{ followup: ScreeningFollowup; kind: "intervene" | "retest" } | null>(null);
  const [form] = Form.useForm();
  // Until the list arrives the tab says so (not "nobody to follow up"); a failed load says why.
  const load = useCallback(() => {
    setLoading(true);
    screeningApi
      .followups({ year })
      .then(setList, (e: unknown) => message.error(messageOf(e)))
      .finally(() => setLoading(false));
  }, [year]);
  useEffect(load, [load]);

  const save = async () => {
    if (!editing) return;
    const values = await form.validateFields();
    try {
      if (editing.kind === "intervene") {
        const v = values as InterventionForm;
        await screeningApi.intervene(editing.followup.id, {
          kind: v.kind,
          doneOn: v.doneOn.format("YYYY-MM-DD"),
          ...(v.note ? { note: v.note } : {}),
          ...(v.retestDue ? { retestDue: v.retestDue.format("YYYY-MM-DD") } : {}),
        });
      } else {
        await screeningApi.retest(editing.followup.id, {
          retestedOn: (values.retestedOn as Dayjs).format("YYYY-MM-DD"),
          note: values.note as string,
        });
      }
      message.success(T.saved);
      setEditing(null);
      form.resetFields();
      load();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{T.year}</span>
        <InputNumber aria-label={T.year} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <ClassNotices year={year} list={list} />
      </Space>
      <List
        loading={loading}
        locale={{ emptyText: T.noFollowups }}
        dataSource={list}
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{f.result.name}</span>
                  <span>
                    {f.result.orgName} {gradeName(f.result.grade)}
                    {f.result.className ?? ""}
                  </span>
                  {f.reasons.map((r) => (
                    <Tag key={r} color="orange">
                      {FOLLOWUP_REASON_LABELS[r as keyof typeof FOLLOWUP_REASON_LABELS] ?? r}
                    </Tag>
                  ))}
                  {f.retestOverdue && <Tag color="red">{T.retestOverdue}</Tag>}
                  {f.retestedOn && <Tag color="green">{`${T.retested} ${f.retestedOn}`}</Tag>}
                  <Why r={f.result} />
                </Space>
              }
              description={
                <>
                  {f.retestDue && <div>{`${T.retestDue}：${f.retestDue}`}</div>}
                  {f.interventions.map((i) => (
                    <div
                      key={i.at}
                    >{`${i.doneOn} ${INTERVENTION_KIND_LABELS[i.kind]}${i.note ? `：${i.note}` : ""}${i.actorName ? `（${i.actorName}）` : ""}`}</div>
                  ))}
                  {/* The actions under the text, wrapping on a phone (List.Item's actions stay on one line). */}
                  <Space wrap size={4} style={{ marginTop: 8 }}>
                    <Button size="small" onClick={() => setEditing({ followup: f, kind: "intervene" })}>
                      {T.addIntervention}
                    </Button>
                    <Button size="small" onClick={() => setEditing({ followup: f, kind: "retest" })}>
                      {T.recordRetest}
                    </Button>
                    <Button size="small" href={screeningApi.noticeUrl(f.id)}>
                      {T.printNotice}
                    </Button>
                  </Space>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing?.kind === "retest" ? T.recordRetest : T.addIntervention}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing?.kind === "intervene" ? (
            <>
              <Form.Item name="kind" label={T.kind} rules={[{ required: true }]}>
                <Select
                  options={Object.entries(INTERVENTION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item name="doneOn" label={T.doneOn} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="note" label={T.note}>
                <Input.TextArea maxLength={1000} />
              </Form.Item>
              <Form.Item name="retestDue" label={T.retestDue}>
                <DatePicker />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="retestedOn" label={T.retestedOn} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name="note" label={T.note} rules={[{ required: true }]}>
                <Input.TextArea maxLength={1000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
