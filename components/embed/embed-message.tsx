import type { EmbedErrorCode } from "@/lib/embed/service";
import styles from "./embed.module.css";

const MESSAGES: Record<EmbedErrorCode, { title: string; text: string }> = {
  "embed/invalid": { title: "This embed link is not valid", text: "The link is incomplete or was not issued by poc-manager." },
  "embed/expired": { title: "This embed link has expired", text: "Ask the site that shows it for a fresh link." },
  "share/revoked": { title: "This embed is no longer available", text: "Its owner has stopped sharing it." },
  "share/expired": { title: "This embed has expired", text: "Its owner shared it for a limited time." },
  "share/not-found": { title: "This embed does not exist", text: "Check the link with the site that shows it." },
};

export const embedMessageTitle = (code: EmbedErrorCode): string => MESSAGES[code].title;

/** Why an embed does not show (the status says it too); nothing about which check failed. */
export function EmbedMessage({ code }: { code: EmbedErrorCode }) {
  return (
    <section className={styles.message} data-embed-error={code}>
      <h1>{MESSAGES[code].title}</h1>
      <p className="muted">{MESSAGES[code].text}</p>
      <code className="muted small">{code}</code>
    </section>
  );
}
