import { redirect } from "next/navigation";
import { getPageActor } from "@/lib/auth/page";

export default async function HomePage() {
  redirect((await getPageActor()) ? "/pocs" : "/login");
}
