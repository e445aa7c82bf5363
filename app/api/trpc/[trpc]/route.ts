import { handleTrpcRequest } from "@/server/trpc/http";
import { createRequestContext } from "@/server/trpc/request-context";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return handleTrpcRequest(req, () => createRequestContext(req.headers));
}

export { handler as GET, handler as POST };
