import { resourceTypes } from "@/lib/scim/discovery";
import { withScimDiscovery } from "@/lib/scim/handler";

export const GET = withScimDiscovery(() => ({ status: 200, body: resourceTypes() }));
