import { App, Drawer } from "antd";
import { api } from "../../api/endpoints";
import { AsyncView } from "../../components/AsyncView";
import { useAsync } from "../../components/use-async";
import { L } from "../../labels";
import { ProgressForm } from "./ProgressForm";

interface Props {
  taskId: string | null;
  title: string;
  onClose: () => void;
  onSaved: () => void;
}

/** The progress form in a drawer that fills a phone's screen and stays narrow on a desktop. */
export function ReportDrawer({ taskId, title, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const detail = useAsync(
    () =>
      taskId
        ? Promise.all([api.task(taskId), api.taskPeriods(taskId)]).then(([task, periods]) => ({ ...task, periods }))
        : Promise.resolve(undefined),
    [taskId],
  );
  return (
    <Drawer
      open={taskId !== null}
      onClose={onClose}
      title={`${L.report} · ${title}`}
      size={Math.min(520, typeof window === "undefined" ? 520 : window.innerWidth)}
      destroyOnHidden
      styles={{ body: { padding: 16 } }}
    >
      {taskId && (
        <AsyncView state={detail}>
          {(d) =>
            d && (
              <ProgressForm
                indicators={d.indicators}
                periods={d.periods}
                uploadFile={(file, onProgress) => api.uploadEvidence(file, onProgress)}
                onSubmit={async (input) => {
                  await api.submitReport(taskId, input);
                  message.success(L.reportSaved);
                  onSaved();
                }}
              />
            )
          }
        </AsyncView>
      )}
    </Drawer>
  );
}
