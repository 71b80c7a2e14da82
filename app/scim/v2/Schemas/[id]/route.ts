import { schemaById } from "@/lib/scim/discovery";
import { withScimDiscovery } from "@/lib/scim/handler";

export const GET = withScimDiscovery((req) => ({ status: 200, body: schemaById(decodeURIComponent(new URL(req.url).pathname.split("/").pop() ?? "")) }));
