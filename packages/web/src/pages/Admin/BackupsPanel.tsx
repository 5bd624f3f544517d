import { App as AntApp } from "antd";
import { useEffect, useState } from "react";
import { messageOf } from "../../api/client";
import { api } from "../../api/endpoints";
import { AsyncView } from "../../components/AsyncView";
import { useAsync } from "../../components/use-async";
import { BackupsTable, isBusy } from "./BackupsTable";
import { BL } from "./backup-labels";

/** 系统管理 › 数据备份: the list refreshes every two seconds while a backup or a verification runs. */
export function BackupsPanel() {
  const { message } = AntApp.useApp();
  const list = useAsync(() => api.backups(), []);
  const [starting, setStarting] = useState(false);
  const running = list.data?.backups.some(isBusy) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(list.reload, 2000);
    return () => clearInterval(timer);
  }, [running, list.reload]);
  /** Starts a job on the server, says so, and lists it. */
  const begin = async (job: () => Promise<unknown>, started: string) => {
    setStarting(true);
    try {
      await job();
      message.success(started);
      list.reload();
    } catch (error) {
      message.error(messageOf(error));
    } finally {
      setStarting(false);
    }
  };
  return (
    <AsyncView state={list}>
      {(data) => (
        <BackupsTable
          list={data}
          starting={starting}
          onBackup={() => begin(api.startBackup, BL.started)}
          onVerify={(id) => begin(() => api.verifyBackup(id), BL.verifyStarted)}
          downloadUrl={api.backupUrl}
        />
      )}
    </AsyncView>
  );
}
