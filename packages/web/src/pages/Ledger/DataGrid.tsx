import { Input } from "antd";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import "./data-grid.css";

export interface GridColumn<T> {
  key: string;
  title: string;
  width?: number;
  render: (row: T) => ReactNode;
  /** Present when the column can be edited in place: the text to edit and what to do with it. */
  edit?: { value: (row: T) => string; commit: (row: T, value: string) => Promise<void> | void };
}

interface Props<T> {
  rows: T[];
  columns: GridColumn<T>[];
  rowKey: (row: T) => string;
  canEdit?: boolean;
  label: string;
  /** Enter on a cell that cannot be edited (e.g. open the row). */
  onActivate?: (row: T) => void;
}

type KeyAction = "edit" | { kind: "move"; dr: number; dc: number } | { kind: "column"; c: number };

/** What a key does in the grid (outside the editor). */
function gridKeyAction(key: string, columnCount: number): KeyAction | undefined {
  switch (key) {
    case "ArrowUp":
      return { kind: "move", dr: -1, dc: 0 };
    case "ArrowDown":
      return { kind: "move", dr: 1, dc: 0 };
    case "ArrowLeft":
      return { kind: "move", dr: 0, dc: -1 };
    case "ArrowRight":
      return { kind: "move", dr: 0, dc: 1 };
    case "PageUp":
      return { kind: "move", dr: -10, dc: 0 };
    case "PageDown":
      return { kind: "move", dr: 10, dc: 0 };
    case "Home":
      return { kind: "column", c: 0 };
    case "End":
      return { kind: "column", c: columnCount - 1 };
    case "Enter":
    case "F2":
      return "edit";
    default:
      return undefined;
  }
}

interface Cell {
  r: number;
  c: number;
}

/**
 * A spreadsheet-like grid: one active cell moved by the arrow keys, Home/End and
 * PageUp/PageDown; Enter edits an editable cell, Enter again saves, Esc cancels.
 */
export function DataGrid<T>({ rows, columns, rowKey, canEdit = false, label, onActivate }: Props<T>) {
  const [active, setActive] = useState<Cell>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ cell: Cell; value: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setActive((a) => ({ r: Math.min(a.r, Math.max(rows.length - 1, 0)), c: a.c }));
  }, [rows.length]);

  useEffect(() => {
    gridRef.current
      ?.querySelector<HTMLElement>(`[data-cell="${active.r}:${active.c}"]`)
      ?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [active]);

  const move = (dr: number, dc: number) =>
    setActive((a) => ({
      r: Math.max(0, Math.min(rows.length - 1, a.r + dr)),
      c: Math.max(0, Math.min(columns.length - 1, a.c + dc)),
    }));

  const startEdit = () => {
    const row = rows[active.r];
    const col = columns[active.c];
    if (!row || !col) return;
    if (canEdit && col.edit) setEditing({ cell: active, value: col.edit.value(row) });
    else onActivate?.(row);
  };

  const stopEdit = () => {
    setEditing(null);
    gridRef.current?.querySelector("table")?.focus();
  };

  const commit = async () => {
    if (!editing) return;
    const row = rows[editing.cell.r];
    const col = columns[editing.cell.c];
    if (row && col?.edit && editing.value !== col.edit.value(row)) {
      setSaving(true);
      try {
        await col.edit.commit(row, editing.value);
      } finally {
        setSaving(false);
      }
    }
    stopEdit();
    move(1, 0);
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const action = gridKeyAction(e.key, columns.length);
    if (!action) return;
    e.preventDefault();
    if (action === "edit") startEdit();
    else if (action.kind === "move") move(action.dr, action.dc);
    else setActive((a) => ({ r: a.r, c: action.c }));
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      void commit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      stopEdit();
    }
  };

  return (
    <div ref={gridRef} className="data-grid">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA grid over a table is the spreadsheet pattern */}
      <table role="grid" aria-label={label} aria-rowcount={rows.length + 1} tabIndex={0} onKeyDown={onGridKey}>
        <thead>
          <tr>
            {columns.map((col) => (
              <th key={col.key} style={{ width: col.width, minWidth: col.width }}>
                {col.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={rowKey(row)} aria-rowindex={r + 2}>
              {columns.map((col, c) => {
                const isActive = active.r === r && active.c === c;
                const isEditing = editing?.cell.r === r && editing.cell.c === c;
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the grid handles the keyboard for every cell
                  // biome-ignore lint/a11y/useAriaPropsSupportedByRole: cells of role=grid are gridcells, which take aria-selected
                  <td
                    key={col.key}
                    data-cell={`${r}:${c}`}
                    aria-selected={isActive}
                    className={isActive ? "active" : undefined}
                    onClick={() => setActive({ r, c })}
                    onDoubleClick={() => {
                      setActive({ r, c });
                      if (canEdit && col.edit) setEditing({ cell: { r, c }, value: col.edit.value(row) });
                    }}
                  >
                    {isEditing ? (
                      <Input
                        autoFocus
                        size="small"
                        aria-label={col.title}
                        value={editing.value}
                        disabled={saving}
                        onChange={(e) => setEditing({ cell: editing.cell, value: e.target.value })}
                        onKeyDown={onEditorKey}
                        onBlur={() => !saving && stopEdit()}
                      />
                    ) : (
                      col.render(row)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
