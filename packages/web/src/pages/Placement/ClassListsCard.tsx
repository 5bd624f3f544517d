import { PERSONAL_ACCESS_LABELS, type PersonalAccess } from "@luoshi/contract/personal-data";
import { App, Button, Card, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { AsyncView } from "../../components/AsyncView";
import { useAsync } from "../../components/use-async";
import { PL } from "./labels";
import { placementApi, type StudentLine } from "./placement-api";

const keyOf = (s: { classNo: number; seat: number }) => `${s.classNo}-${s.seat}`;

/**
 * The class lists as the server masks them. Callers with clear access reveal one student at a time
 * (显示完整信息); the server records each reveal in the audit trail.
 */
export function ClassListsCard({ placementId, access }: { placementId: string; access: PersonalAccess }) {
  const { message } = App.useApp();
  const lists = useAsync(() => placementApi.students(placementId), [placementId]);
  const [shown, setShown] = useState<Record<string, StudentLine>>({});
  const reveal = async (s: StudentLine) => {
    try {
      const student = await placementApi.reveal(placementId, { classNo: s.classNo, seat: s.seat });
      setShown((prev) => ({ ...prev, [keyOf(s)]: student }));
      message.success(PL.revealed);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Card
      title={PL.classLists}
      extra={<Tag color={access === "clear" ? "blue" : "default"}>{PERSONAL_ACCESS_LABELS[access]}</Tag>}
    >
      <Typography.Paragraph type="secondary">{PL.classListsHint[access]}</Typography.Paragraph>
      <AsyncView state={lists}>
        {({ students }) => (
          <Table<StudentLine>
            rowKey={keyOf}
            size="small"
            dataSource={students.map((s) => shown[keyOf(s)] ?? s)}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: true }}
            columns={[
              { title: "班级", key: "class", render: (_, s) => PL.className(s.classNo) },
              { title: PL.seat, dataIndex: "seat", align: "right" },
              { title: PL.studentName, dataIndex: "name" },
              {
                title: PL.studentId,
                dataIndex: "id",
                render: (id: string) => <span style={{ fontFamily: "monospace" }}>{id}</span>,
              },
              { title: PL.gender, dataIndex: "gender" },
              ...(access === "clear"
                ? [
                    {
                      title: "",
                      key: "reveal",
                      render: (_: unknown, s: StudentLine) =>
                        shown[keyOf(s)] ? null : (
                          <Button size="small" type="link" onClick={() => void reveal(s)}>
                            {PL.reveal}
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </AsyncView>
    </Card>
  );
}
