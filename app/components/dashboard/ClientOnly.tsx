import { type ReactNode, useEffect, useState } from "react";

/**
 * Renders `children` only in the browser, `fallback` on the server and during hydration: recharts 3
 * measures the DOM and renders nothing useful on the server.
 */
export function ClientOnly({ fallback, children }: { fallback: ReactNode; children: () => ReactNode }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return <>{mounted ? children() : fallback}</>;
}

export function ChartPlaceholder({ height, label }: { height: number; label: string }) {
  return (
    <div className="chart-placeholder" style={{ height }} role="img" aria-label={label}>
      <span aria-hidden="true" />
    </div>
  );
}
