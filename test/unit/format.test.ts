import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "@/components/format";
import { formatProblemDate } from "@/lib/sharing/policy";

describe("display formats", () => {
  it("formats a timestamp in each time zone asked for, reusing one formatter per zone", () => {
    const iso = "2026-12-31T17:05:00.000Z";
    expect(formatDateTime(iso, "UTC")).toBe("Dec 31, 2026, 5:05 PM");
    expect(formatDateTime(iso, "Europe/Paris")).toBe("Dec 31, 2026, 6:05 PM");
    expect(formatDateTime(iso, "America/New_York")).toBe("Dec 31, 2026, 12:05 PM");
    // Asked again after another zone: still that zone's text, not the last formatter's.
    expect(formatDateTime(iso, "UTC")).toBe("Dec 31, 2026, 5:05 PM");
    expect(formatDateTime("not a date", "UTC")).toBe("not a date");
  });

  it("formats calendar dates and problem dates in UTC", () => {
    expect(formatDate("2026-11-02")).toBe("Nov 2, 2026");
    expect(formatDate(null)).toBe("—");
    expect(formatProblemDate(new Date("2026-12-31T17:05:00Z"))).toBe("Dec 31, 2026, 5:05 PM UTC");
  });
});
