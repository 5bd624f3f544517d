import { useEffect, useMemo, useRef } from "react";
import type { PlanTask, Span } from "../../api/types";
import { sourcePieces } from "./source-pieces";

interface Props {
  text: string;
  tasks: PlanTask[];
  highlight: Span | null;
  selectedTaskId: string | null;
  onPickTask: (taskId: string) => void;
}

/** The plan's source text; a click picks the task under it, and the highlight scrolls into view. */
export function SourceView({ text, tasks, highlight, selectedTaskId, onPickTask }: Props) {
  const pieces = useMemo(() => sourcePieces(text.length, tasks, highlight), [text, tasks, highlight]);
  const markRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (highlight) markRef.current?.scrollIntoView?.({ block: "center", behavior: "smooth" });
  }, [highlight]);
  let firstMark = true;
  return (
    <div
      className="plan-source"
      data-testid="plan-source"
      style={{
        whiteSpace: "pre-wrap",
        fontFamily: "'FangSong', 'STFangsong', serif",
        fontSize: 15,
        lineHeight: 1.8,
        maxHeight: "70vh",
        overflow: "auto",
        padding: 12,
        background: "#fffdf7",
        border: "1px solid #eee",
      }}
    >
      {pieces.map((p) => {
        const chunk = text.slice(p.start, p.end);
        const isFirstMark = p.highlighted && firstMark;
        if (isFirstMark) firstMark = false;
        const style = {
          background: p.highlighted ? "#ffe58f" : p.taskId && p.taskId === selectedTaskId ? "#e6f4ff" : undefined,
          cursor: p.taskId ? "pointer" : undefined,
        };
        if (!p.taskId) {
          return p.highlighted ? (
            <mark key={p.start} ref={isFirstMark ? markRef : undefined} style={style}>
              {chunk}
            </mark>
          ) : (
            <span key={p.start}>{chunk}</span>
          );
        }
        const taskId = p.taskId;
        return (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the task list beside the text is the keyboard path
          // biome-ignore lint/a11y/noStaticElementInteractions: clicking the text is a shortcut for the task list
          <span
            key={p.start}
            ref={isFirstMark ? markRef : undefined}
            data-task-id={taskId}
            data-highlighted={p.highlighted || undefined}
            style={style}
            onClick={() => onPickTask(taskId)}
          >
            {chunk}
          </span>
        );
      })}
    </div>
  );
}
