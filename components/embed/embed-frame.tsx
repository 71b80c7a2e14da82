import type { ReactNode } from "react";
import styles from "./embed.module.css";

/** The embed's compact frame: no app header or navigation, a one-line credit at the foot. */
export function EmbedFrame({ children }: { children: ReactNode }) {
  return (
    <main className={styles.frame}>
      {children}
      <p className={styles.credit}>Shared read-only with poc-manager</p>
    </main>
  );
}
