import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export const REVIEW_SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["1", "…", "9"], action: "rate" },
  { keys: ["N"], action: "na" },
  { keys: ["A"], action: "acceptSuggestion" },
  { keys: ["J", "↓"], action: "nextCriterion" },
  { keys: ["K", "↑"], action: "previousCriterion" },
  { keys: ["⇧1", "…", "⇧9"], action: "rootCause" },
  { keys: ["C"], action: "comment" },
  { keys: ["M"], action: "nextMessage" },
  { keys: ["⇧M"], action: "previousMessage" },
  { keys: ["E"], action: "exemplary" },
  { keys: ["W"], action: "needsWork" },
  { keys: ["H"], action: "history" },
  { keys: ["O"], action: "overall" },
  { keys: ["Ctrl", "Enter"], action: "submit" },
  { keys: ["⇧N"], action: "next" },
  { keys: ["Esc"], action: "escape" },
  { keys: ["?"], action: "help" },
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <div className="dialog-head">
        <h2 id="shortcuts-title">{t("shortcuts.title")}</h2>
        <button type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          {t("shortcuts.close")}
        </button>
      </div>
      <table className="shortcuts">
        <tbody>
          {REVIEW_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <td>{shortcut.keys.map((key) => (key === "…" ? <span key={key}> … </span> : <kbd key={key}>{key}</kbd>))}</td>
              <td>{t(`shortcuts.${shortcut.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
