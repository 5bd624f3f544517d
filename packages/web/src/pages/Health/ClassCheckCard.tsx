import { SYMPTOM_LABELS, type Symptom } from "@luoshi/contract/ledger-vocabulary";
import { App as AntApp, Button, Card, Input, InputNumber, Space, Tag } from "antd";
import { useState } from "react";
import { messageOf } from "../../api/client";
import { type ClassCheck, type ClassChecks, healthApi } from "./health-api";
import { H } from "./labels";

type ClassRow = ClassChecks["classes"][number];
interface Student {
  name: string;
  symptoms: Symptom[];
}

/**
 * One class's check for a date and slot, on a phone: with no absence the card is one line and one
 * button (无异常, the zero report); 有因病缺课 opens the names and symptoms of the absent students.
 */
export function ClassCheckCard({
  cls,
  date,
  slot,
  check,
  onDone,
}: {
  cls: ClassRow;
  date: string;
  slot: string;
  check: ClassCheck | undefined;
  onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState(false);
  const [students, setStudents] = useState<Student[]>([{ name: "", symptoms: [] }]);
  const [present, setPresent] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (rows: Student[]) => {
    // Rows left blank are no student: submitting only blank rows is the zero report (a correction to 无异常).
    const ill = rows.filter((s) => s.name.trim() !== "" || s.symptoms.length > 0);
    if (ill.some((s) => s.name.trim() === "" || s.symptoms.length === 0)) {
      void message.error(H.symptomsRequired);
      return;
    }
    setSaving(true);
    try {
      const absent = ill.length;
      await healthApi.submit({
        classId: cls.id,
        date,
        slot: slot as "morning",
        ...(absent > 0 ? { present: present ?? cls.enrolled - absent, students: ill } : {}),
      });
      void message.success(absent > 0 ? H.illSubmitted(absent) : H.zeroSubmitted);
      setEditing(false);
      onDone();
    } catch (error) {
      void message.error(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  const setStudent = (i: number, change: Partial<Student>) =>
    setStudents((list) => list.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const toggle = (i: number, symptom: Symptom) => {
    const current = students[i]!.symptoms;
    setStudent(i, {
      symptoms: current.includes(symptom) ? current.filter((x) => x !== symptom) : [...current, symptom],
    });
  };

  const status = check ? (
    <Tag color={check.zero ? "green" : "orange"}>{check.zero ? H.zeroSubmitted : H.illSubmitted(check.illAbsent)}</Tag>
  ) : (
    <Tag color="red">{H.notSubmitted}</Tag>
  );

  return (
    <Card size="small" className="class-check" data-class={cls.name} style={{ marginBottom: 8 }}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8, flexWrap: "wrap" }}>
        <strong>{cls.name}</strong>
        <span style={{ color: "#666" }}>
          {H.expected} {cls.enrolled}
          {H.persons}
        </span>
        {status}
      </div>
      {!editing && (
        <Space style={{ marginTop: 8, width: "100%" }} wrap>
          {!check && (
            <Button type="primary" size="large" loading={saving} onClick={() => void submit([])}>
              {H.zero}
            </Button>
          )}
          <Button size={check ? "small" : "large"} onClick={() => setEditing(true)}>
            {check ? H.correct : H.hasIll}
          </Button>
        </Space>
      )}
      {editing && (
        <div style={{ marginTop: 8 }}>
          <Space wrap style={{ marginBottom: 8 }}>
            <span>{H.present}</span>
            <InputNumber
              aria-label={H.present}
              min={0}
              max={cls.enrolled}
              value={present ?? cls.enrolled - students.length}
              onChange={(v) => setPresent(v)}
              style={{ width: 90 }}
            />
          </Space>
          {students.map((s, i) => (
            <div key={`student-${i.toString()}`} style={{ borderTop: "1px solid #f0f0f0", padding: "6px 0" }}>
              <Input
                aria-label={H.studentName}
                placeholder={H.studentName}
                value={s.name}
                maxLength={20}
                onChange={(e) => setStudent(i, { name: e.target.value })}
                style={{ marginBottom: 6 }}
              />
              <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {(Object.entries(SYMPTOM_LABELS) as [Symptom, string][]).map(([key, label]) => (
                  <Tag.CheckableTag key={key} checked={s.symptoms.includes(key)} onChange={() => toggle(i, key)}>
                    {label}
                  </Tag.CheckableTag>
                ))}
              </div>
            </div>
          ))}
          <Space wrap style={{ marginTop: 8 }}>
            <Button onClick={() => setStudents((list) => [...list, { name: "", symptoms: [] }])}>{H.addStudent}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit(students)}>
              {H.submit}
            </Button>
            <Button onClick={() => setEditing(false)}>{H.cancel}</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
