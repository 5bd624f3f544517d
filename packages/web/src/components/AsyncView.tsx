import { Button, Empty, Result, Skeleton } from "antd";
import type { ReactNode } from "react";
import { ApiError, messageOf } from "../api/client";
import { L } from "../labels";
import type { AsyncState } from "./use-async";

interface Props<T> {
  state: AsyncState<T>;
  /** When true for the loaded data, the empty state shows instead of the children. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  rows?: number;
  children: (data: T) => ReactNode;
}

/** The three states every page has besides its content: loading, empty and failed. */
export function AsyncView<T>({ state, isEmpty, emptyText, rows = 6, children }: Props<T>) {
  if (state.error !== undefined) return <ErrorResult error={state.error} onRetry={state.reload} />;
  if (state.loading && state.data === undefined) return <Skeleton active paragraph={{ rows }} />;
  if (state.data === undefined) return <Skeleton active paragraph={{ rows }} />;
  if (isEmpty?.(state.data)) return <Empty description={emptyText ?? L.empty} />;
  return <>{children(state.data)}</>;
}

export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  const resultStatus = status === 403 ? "403" : status === 404 ? "404" : "error";
  return (
    <Result
      status={resultStatus}
      title={status === 404 ? L.notFoundTitle : status === 403 ? L.forbiddenTitle : L.loadFailed}
      subTitle={messageOf(error)}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {L.retry}
          </Button>
        ) : null
      }
    />
  );
}
