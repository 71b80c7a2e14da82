import { ScimError } from "@/lib/scim/errors";
import { withScimDiscovery } from "@/lib/scim/handler";

// Anything else under /scim/v2 (Bulk, Me, a misspelt endpoint) is a SCIM 404, not an HTML page.
const notFound = withScimDiscovery(() => {
  throw new ScimError(404, "No such SCIM endpoint: this service offers /Users, /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas");
});
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
