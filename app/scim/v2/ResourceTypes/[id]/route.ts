import { resourceTypeById } from "@/lib/scim/discovery";
import { withScimDiscovery } from "@/lib/scim/handler";

export const GET = withScimDiscovery((req) => ({ status: 200, body: resourceTypeById(decodeURIComponent(new URL(req.url).pathname.split("/").pop() ?? "")) }));
