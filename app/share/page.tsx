import { ShareFrame } from "@/components/share-page/share-frame";
import { ShareMessage } from "@/components/share-page/share-message";
import { setResponseStatus } from "@/lib/http/response-context";

/** `/share` without a token answers like any unknown token. */
export default function ShareIndex() {
  setResponseStatus(404);
  return (
    <ShareFrame organisation={null}>
      <title>Link not found</title>
      <ShareMessage code="share/not-found" />
    </ShareFrame>
  );
}
