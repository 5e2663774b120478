/**
 * Scrolls the scorecard column (not the page) just enough to show an element between the sticky
 * score panel and the sticky submit bar. Scrolling the page instead would push the sticky column
 * out of view when the transcript is short.
 */
export function revealInForm(container: HTMLElement, element: HTMLElement) {
  const scrolls = getComputedStyle(container).overflowY === "auto" && container.scrollHeight > container.clientHeight;
  if (!scrolls) {
    element.scrollIntoView({ block: "nearest" });
    return;
  }
  const bounds = container.getBoundingClientRect();
  const panel = container.querySelector(".score-panel")?.getBoundingClientRect().height ?? 0;
  const bar = container.querySelector(".submit-bar")?.getBoundingClientRect().height ?? 0;
  const top = bounds.top + panel + 12;
  const bottom = bounds.bottom - bar - 12;
  const rect = element.getBoundingClientRect();
  if (rect.top < top) container.scrollTop -= top - rect.top;
  else if (rect.bottom > bottom) container.scrollTop += Math.min(rect.bottom - bottom, rect.top - top);
}

/** Focuses a field of the scorecard column without letting the browser scroll the page to it. */
export function focusInForm(element: HTMLElement) {
  element.focus({ preventScroll: true });
  const container = element.closest<HTMLElement>(".review-form");
  if (container) revealInForm(container, element);
  else element.scrollIntoView({ block: "nearest" });
}
