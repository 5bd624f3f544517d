import { App, Button, Card, Col, Row, Space, Table, Tag } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { canManagePlans, useMe } from "../../session";
import { CeremonyView } from "./CeremonyView";
import { PL } from "./labels";
import { PlacementDetailView } from "./PlacementDetailView";
import { PlacementForm } from "./PlacementForm";
import { type Ceremony, type CeremonySummary, type PlacementSummary, placementApi } from "./placement-api";

/** 均衡编班: ceremonies and results of the region, a new commitment (managers), one ceremony or one result. */
export default function PlacementPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get("id");
  const commitment = params.get("commitment");
  const back = () => setParams({});
  if (commitment)
    return (
      <CeremonyPage
        key={commitment}
        id={commitment}
        onBack={back}
        onOpenRun={(next) => setParams({ id: next })}
        onOpenCeremony={(next) => setParams({ commitment: next })}
      />
    );
  if (id) return <RunView id={id} onBack={back} onOpenCeremony={(next) => setParams({ commitment: next })} />;
  return <ListsView onOpenCeremony={(next) => setParams({ commitment: next })} />;
}

const STATUS_COLOR = { committed: "blue", drawn: "orange", done: "green" } as const;

function ListsView({ onOpenCeremony }: { onOpenCeremony: (id: string) => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const manager = canManagePlans(me);
  const ceremonies = useAsync(() => placementApi.ceremonies(), []);
  const runs = useAsync(() => placementApi.list(), []);
  const schools = useAsync(
    () => (manager ? api.orgs().then((os) => os.filter((o) => o.kind === "school")) : Promise.resolve([])),
    [manager],
  );
  const lists = (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card title={PL.ceremonies}>
        <AsyncView state={ceremonies} isEmpty={(cs) => cs.length === 0} emptyText={PL.noCeremonies}>
          {(cs) => (
            <Table<CeremonySummary>
              rowKey="id"
              size="small"
              dataSource={cs}
              pagination={false}
              scroll={{ x: true }}
              columns={[
                {
                  title: PL.name,
                  dataIndex: "name",
                  render: (name: string, r) => (
                    <Space size={4} wrap>
                      <Link to={`/placements?commitment=${r.id}`}>{name}</Link>
                      {r.supplement && <Tag color="purple">{PL.supplementTag}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: PL.status,
                  render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{r.statusText}</Tag>,
                },
                { title: PL.studentCount, dataIndex: "studentCount", align: "right" },
                { title: PL.committedAt, render: (_, r) => formatTime(r.committedAt) },
              ]}
            />
          )}
        </AsyncView>
      </Card>
      <Card title={PL.results}>
        <AsyncView state={runs} isEmpty={(rs) => rs.length === 0} emptyText={PL.noRuns}>
          {(rs) => (
            <Table<PlacementSummary>
              rowKey="id"
              size="small"
              dataSource={rs}
              pagination={false}
              scroll={{ x: true }}
              columns={[
                {
                  title: PL.name,
                  dataIndex: "name",
                  render: (name: string, r) => (
                    <Space size={4} wrap>
                      <Link to={`/placements?id=${r.id}`}>{name}</Link>
                      {r.legacy && <Tag color="default">{PL.legacy}</Tag>}
                    </Space>
                  ),
                },
                { title: PL.studentCount, dataIndex: "studentCount", align: "right" },
                { title: PL.classCount, dataIndex: "classCount", align: "right" },
                { title: PL.createdAt, render: (_, r) => formatTime(r.createdAt) },
              ]}
            />
          )}
        </AsyncView>
      </Card>
    </Space>
  );
  if (!manager) return lists;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={PL.newRun}>
          <PlacementForm
            schools={schools.data ?? []}
            onSubmit={async (input, onProgress) => {
              const committed = await placementApi.commit(input, onProgress);
              message.success(PL.created);
              onOpenCeremony(committed.id);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {lists}
      </Col>
    </Row>
  );
}

function CeremonyPage(props: {
  id: string;
  onBack: () => void;
  onOpenRun: (id: string) => void;
  onOpenCeremony: (id: string) => void;
}) {
  const manager = canManagePlans(useMe());
  const loaded = useAsync(() => placementApi.ceremony(props.id), [props.id]);
  const [current, setCurrent] = useState<Ceremony | null>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Button onClick={props.onBack}>{PL.back}</Button>
      <AsyncView state={loaded}>
        {(c) => (
          <CeremonyView
            ceremony={current ?? c}
            manager={manager}
            onChanged={setCurrent}
            onOpenRun={props.onOpenRun}
            onOpenCeremony={props.onOpenCeremony}
          />
        )}
      </AsyncView>
    </Space>
  );
}

function RunView({
  id,
  onBack,
  onOpenCeremony,
}: {
  id: string;
  onBack: () => void;
  onOpenCeremony: (id: string) => void;
}) {
  const run = useAsync(() => placementApi.get(id), [id]);
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Button onClick={onBack}>{PL.back}</Button>
      <AsyncView state={run}>{(p) => <PlacementDetailView placement={p} onOpenCeremony={onOpenCeremony} />}</AsyncView>
    </Space>
  );
}
