/**
 * The benchmark's goals (README, "Benchmark"), from the measured targets. A goal whose
 * targets were not measured (`--only`) is left out rather than reported as missed.
 */
export type MeasuredFigures = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  ratioCeiling?: number;
  ratioPageCeiling?: number;
  bytes?: number;
  dbRoundTrips?: number;
  /** The POC list at 1,000 POCs: req/s against the same first page in a tenant of 50 (per round, median). */
  ratioSmallTenant?: number;
};

export type Goal = { goal: string; value: unknown; met: boolean };

type Inputs = {
  connections: number;
  pageCeiling: MeasuredFigures;
  route1?: MeasuredFigures;
  route2?: MeasuredFigures;
  route3?: MeasuredFigures;
  route3v?: MeasuredFigures;
  routeEmbed?: MeasuredFigures;
  route4Small?: MeasuredFigures;
  route4?: MeasuredFigures;
  route5?: MeasuredFigures;
  route6?: MeasuredFigures;
  route7?: MeasuredFigures;
  listApi?: MeasuredFigures;
  listPage?: MeasuredFigures;
  route1Burst?: MeasuredFigures;
  auditGoals?: Record<string, Goal>;
};

const atLeast = (value: number | undefined, min: number): Goal => ({ goal: `>= ${min}`, value, met: (value ?? -Infinity) >= min });
const within = (value: number | undefined, min: number, max: number): Goal => ({ goal: `${min} to ${max}`, value, met: value !== undefined && value >= min && value <= max });
const atMost = (value: number | undefined, max: number, goal = `<= ${max}`): Goal => ({ goal, value, met: (value ?? Infinity) <= max });

export function benchGoals(m: Inputs): Record<string, Goal> {
  const goals: Record<string, Goal> = {};
  const { route1, route2, route3, route3v, routeEmbed, route4Small, route4, route5, route6, route7, listApi, listPage, route1Burst, pageCeiling } = m;
  if (route1) {
    goals.route1_rps_vs_ceiling = atLeast(route1.ratioCeiling, 0.75);
    goals.route1_p99_ms = { goal: "<= 50 at 32 connections", value: route1.p99, met: route1.p99 <= 50 && m.connections === 32 };
    goals.route1_errors = { goal: "0", value: route1.errors, met: route1.errors === 0 };
  }
  if (route2) {
    goals.route2_rps_vs_page_ceiling = atLeast(route2.ratioPageCeiling, 0.75);
    goals.route2_p99_vs_page_ceiling_p99 = atMost(route2.p99 / Math.max(pageCeiling.p99, 1), 3);
    goals.route2_html_bytes = atMost(route2.bytes, 40960, "<= 40960 (20-task POC)");
    goals.route2_errors = { goal: "0", value: route2.errors, met: route2.errors === 0 };
  }
  // Issue 18: a verified link with a valid pass costs what the share page costs (the option version travels in the pass).
  if (route3v) goals.route3v_rps_vs_page_ceiling = atLeast(route3v.ratioPageCeiling, 0.75);
  // Issue 14: the embed page against the page ceiling (token verification well under a millisecond).
  if (routeEmbed) {
    goals.embed_rps_vs_page_ceiling = atLeast(routeEmbed.ratioPageCeiling, 0.7);
    goals.embed_errors = { goal: "0", value: routeEmbed.errors, met: routeEmbed.errors === 0 };
  }
  const readTrips = [route1, route2, route3, route3v, route4];
  if (readTrips.every(Boolean)) {
    goals.round_trips_routes_1_to_4 = {
      goal: "<= 2 each (1, 2, 3, 3v, 4)",
      value: readTrips.map((r) => r!.dbRoundTrips),
      met: readTrips.every((r) => (r!.dbRoundTrips ?? 99) <= 2),
    };
  }
  if (route4 && route4Small) goals.route4_p50_scaling = atMost(route4.p50 / Math.max(route4Small.p50, 0.001), 1.2);
  // Issue 19: signed-in requests close to the public path.
  if (route4) {
    goals.route4_rps_vs_ceiling = atLeast(route4.ratioCeiling, 0.6);
    if (route1) goals.route4_p99_vs_route1_p99 = atMost(route4.p99 / Math.max(route1.p99, 0.001), 2);
    goals.route4_round_trips = atMost(route4.dbRoundTrips, 2);
  }
  if (route5) {
    goals.route5_rps_vs_ceiling = atLeast(route5.ratioCeiling, 0.35);
    goals.route5_round_trips_per_pair = atMost(route5.dbRoundTrips, 6);
  }
  if (route6) goals.route6_rps_vs_page_ceiling = atLeast(route6.ratioPageCeiling, 0.6);
  if (route7) {
    goals.route7_rps_vs_ceiling = atLeast(route7.ratioCeiling, 0.4);
    goals.route7_round_trips = atMost(route7.dbRoundTrips, 3);
  }
  // Issue 17: "the list staying fast at 1,000 POCs". The same first page of 50 cards is
  // measured in a tenant of 50 POCs and in the one of 1,128, in one database: the same cost
  // within 25 % either way (a small tenant slowed by the others' rows fails it too), and a
  // bounded number of statements. Against the ceilings it is reported, not a goal: 50 POCs
  // with their progress cost more than one (route 4) in any tenant.
  if (listApi) {
    goals.list_api_at_1000_vs_50_pocs = within(listApi.ratioSmallTenant, 0.8, 1.25);
    goals.list_api_round_trips = atMost(listApi.dbRoundTrips, 2);
  }
  if (listPage) {
    goals.list_page_at_1000_vs_50_pocs = within(listPage.ratioSmallTenant, 0.8, 1.25);
    goals.list_page_round_trips = atMost(listPage.dbRoundTrips, 3);
  }
  if (route1 && route1Burst) goals.route1_p99_during_burst_vs_idle = atMost(route1Burst.p99 / Math.max(route1.p99, 0.001), 2);
  return { ...goals, ...m.auditGoals };
}
