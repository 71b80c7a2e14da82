import { GateCard } from "./gate-card";

export function RateLimited({ retryAfterSeconds }: { retryAfterSeconds: number }) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return (
    <GateCard
      title="Too many attempts"
      code="share/rate-limited"
      text={`Too many wrong passwords were tried from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`}
    />
  );
}
