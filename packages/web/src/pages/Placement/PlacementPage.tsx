import { App, Button, Card, Col, Row, Space, Table } from "antd";
import { Link, useSearchParams } from "react-router";
import { api } from "../../api/endpoints";
import { AsyncView } from "../../components/AsyncView";
import { formatTime } from "../../components/format";
import { useAsync } from "../../components/use-async";
import { canManagePlans, useMe } from "../../session";
import { PL } from "./labels";
import { PlacementDetailView } from "./PlacementDetailView";
import { PlacementForm } from "./PlacementForm";
import { type PlacementSummary, placementApi } from "./placement-api";

/** 均衡编班: the region's runs, a new run (managers), and one run's details by `?id=`. */
export default function PlacementPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get("id");
  return id ? (
    <RunView id={id} onBack={() => setParams({})} />
  ) : (
    <RunsView onOpen={(next) => setParams({ id: next })} />
  );
}

function RunsView({ onOpen }: { onOpen: (id: string) => void }) {
  const me = useMe();
  const { message } = App.useApp();
  const manager = canManagePlans(me);
  const runs = useAsync(() => placementApi.list(), []);
  const schools = useAsync(
    () => (manager ? api.orgs().then((os) => os.filter((o) => o.kind === "school")) : Promise.resolve([])),
    [manager],
  );
  const list = (
    <Card title={PL.runs}>
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
                render: (name: string, r) => <Link to={`/placements?id=${r.id}`}>{name}</Link>,
              },
              { title: PL.studentCount, dataIndex: "studentCount", align: "right" },
              { title: PL.classCount, dataIndex: "classCount", align: "right" },
              { title: PL.createdAt, render: (_, r) => formatTime(r.createdAt) },
            ]}
          />
        )}
      </AsyncView>
    </Card>
  );
  if (!manager) return list;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={PL.newRun}>
          <PlacementForm
            schools={schools.data ?? []}
            onSubmit={async (input, onProgress) => {
              const created = await placementApi.create(input, onProgress);
              message.success(PL.created);
              onOpen(created.id);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {list}
      </Col>
    </Row>
  );
}

function RunView({ id, onBack }: { id: string; onBack: () => void }) {
  const run = useAsync(() => placementApi.get(id), [id]);
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Button onClick={onBack}>{PL.back}</Button>
      <AsyncView state={run}>{(p) => <PlacementDetailView placement={p} />}</AsyncView>
    </Space>
  );
}
