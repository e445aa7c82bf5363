import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Out = inferRouterOutputs<AppRouter>;
export type SegmentDetail = Out["segments"]["byId"];
export type SegmentListItem = Out["segments"]["list"]["items"][number];
export type SignalListItem = Out["signals"]["list"]["items"][number];
export type SegmentVersionRow = Out["segments"]["history"][number];
