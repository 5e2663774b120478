import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatTime } from "./format";
import type { loader as rootLoader } from "./root";

/** Date formatting bound to the user's language and the installation's time zone. */
export function useDates() {
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const { i18n } = useTranslation();
  const timeZone = root?.timeZone ?? "UTC";
  return {
    timeZone,
    dateTime: (value: Date | string) => formatDateTime(value, i18n.language, timeZone),
    time: (value: Date | string) => formatTime(value, i18n.language, timeZone),
  };
}
