"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/components/format";

const subscribe = () => () => {};

/**
 * A timestamp in the reader's own time zone. The server does not know that zone, so it renders
 * UTC; the browser switches to local time right after hydration (no hydration mismatch).
 */
export function LocalTime({ value }: { value: string }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <time dateTime={value}>{inBrowser ? formatDateTime(value) : `${formatDateTime(value, "UTC")} UTC`}</time>;
}
