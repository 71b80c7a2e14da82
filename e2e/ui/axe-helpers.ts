import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.2 AA rule sets every accessibility scan runs. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Every serious or critical violation on the page as it is now, one line each (soft: the test reports every page). */
export async function scan(page: Page, what: string, include?: string) {
  // The watermark is decoration by design (faint tiles of the viewer's email, hidden from
  // assistive technology): WCAG 1.4.3 exempts incidental text. Everything else is scanned.
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude("[data-watermark]");
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const problems = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) on ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}: ${v.help}`);
  expect.soft(problems, what).toEqual([]);
}
