import { GateCard } from "./gate-card";

export function RateLimited({ retryAfterSeconds, what = "Too many wrong passwords were tried from your network." }: { retryAfterSeconds: number; what?: string }) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return (
    <GateCard
      title="Too many attempts"
      code="share/rate-limited"
      text={`${what} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`}
    />
  );
}
