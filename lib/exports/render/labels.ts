/** Human words for statuses and dates in exports: the same labels the pages show. */
export { statusLabel } from "../../../components/status-labels";
export { formatDate } from "../../../components/format";
